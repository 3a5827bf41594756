using Lake.Contracts.Registers;
using Lake.Extract.Preliminary;

namespace Lake.Extract.Costs;

/// <summary>
/// Prices a request from its preliminary study: the volumes are the suppressed ones the researcher
/// may see (a suppressed count is priced at the threshold), so an estimate reveals nothing the
/// preliminary study did not.
/// </summary>
public static class CostEstimator
{
    public static CostEstimate Estimate(PreliminaryReport volumes, PriceList prices, bool internalProject)
    {
        var registers = volumes.Availability.Count;
        long Rows(RegisterAvailability a) => a.Total.Value ?? volumes.SuppressionThreshold;
        var rows = volumes.Availability.Sum(Rows);
        var texts = volumes.Availability.Where(a => a.Register == RegisterNames.PatientRecordText).Sum(Rows);

        var items = new List<CostItem>
        {
            new("Base fee", 1, prices.BaseFee),
            new($"Registers ({string.Join(", ", volumes.Availability.Select(a => a.Register))})", registers, prices.PerRegister),
            new($"Rows, millions ({rows:N0} rows)", Math.Round(rows / 1_000_000m, 3), prices.PerMillionRows),
        };
        if (texts > 0)
            items.Add(new($"Patient record texts, thousands ({texts:N0} texts)", Math.Round(texts / 1000m, 3), prices.PerThousandTexts));
        items.Add(new("Staff hours", prices.StaffHoursBase + (prices.StaffHoursPerRegister * registers), prices.StaffHourRate));

        return new CostEstimate(prices.Currency, items, internalProject && prices.InternalProjectsFree);
    }
}
