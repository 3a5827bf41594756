using Lake.Extract.Costs;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;

namespace Lake.Extract.Tests.Costs;

public sealed class CostEstimatorTests
{
    private static readonly PriceList Prices = new()
    {
        BaseFee = 300,
        PerRegister = 150,
        PerMillionRows = 40,
        PerThousandTexts = 25,
        StaffHourRate = 100,
        StaffHoursBase = 4,
        StaffHoursPerRegister = 2,
        InternalProjectsFree = true,
    };

    [Test]
    public void Estimate_Volumes_ItemisesEveryPriceAndAddsUp()
    {
        var estimate = CostEstimator.Estimate(Volumes(("laboratory", 2_000_000), ("patient_record_text", 4_000)), Prices, internalProject: false);

        Assert.Multiple(() =>
        {
            Assert.That(estimate.Items.Select(i => i.Amount), Is.EqualTo(new[] { 300m, 300m, 80.16m, 100m, 800m }));
            Assert.That(estimate.Total, Is.EqualTo(1580.16m));
        });
    }

    [Test]
    public void Estimate_SuppressedVolume_IsPricedAtTheThresholdSoNothingLeaks()
    {
        var estimate = CostEstimator.Estimate(Volumes(("laboratory", 3)), Prices, internalProject: false);

        Assert.That(estimate.Items.Single(i => i.Description.StartsWith("Rows", StringComparison.Ordinal)).Description, Does.Contain("5 rows"));
    }

    [Test]
    public void Estimate_InternalProject_IsFreeButShowsWhatItWouldCost()
    {
        var estimate = CostEstimator.Estimate(Volumes(("laboratory", 10)), Prices, internalProject: true);

        Assert.Multiple(() =>
        {
            Assert.That(estimate.Total, Is.Zero);
            Assert.That(estimate.Subtotal, Is.GreaterThan(0));
        });
    }

    private static PreliminaryReport Volumes(params (string Register, long Rows)[] registers)
    {
        var disclosure = new DisclosureControl();
        return new PreliminaryReport
        {
            Title = "test",
            SuppressionThreshold = disclosure.Threshold,
            CohortSize = disclosure.Show(100),
            ByIndexYear = [],
            BySex = [],
            ByAgeBand = [],
            Availability = registers.Select(r => new RegisterAvailability(r.Register, disclosure.Show(r.Rows), [])).ToList(),
        };
    }
}
