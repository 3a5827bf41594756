namespace Lake.Portal.Tests;

/// <summary>What the preliminary study and cost estimate pages need of the site: a price list of the data service's.</summary>
internal sealed partial class PortalSite
{
    /// <summary>The price list's figures, which the cost page's estimate must show.</summary>
    public const decimal BaseFee = 300;

    public const decimal PerRegister = 150;

    private string WritePriceList()
    {
        var path = _outside.File("pricing.yaml");
        File.WriteAllText(path, $"""
            currency: EUR
            base_fee: {BaseFee}
            per_register: {PerRegister}
            per_million_rows: 40
            per_thousand_texts: 25
            staff_hour_rate: 95
            staff_hours_base: 4
            staff_hours_per_register: 1.5
            internal_projects_free: true
            """);
        return path;
    }
}
