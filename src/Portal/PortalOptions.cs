using System.ComponentModel.DataAnnotations;

namespace Lake.Portal;

/// <summary>The Data Portal (section <c>Portal</c>); who signs people in is the <c>Auth</c> section's business.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The portal's client at the authority: the embedded authority registers <c>lake-portal</c>; a hospital's names its own.</summary>
    [Required]
    public string ClientId { get; set; } = "lake-portal";

    /// <summary>
    /// A portal session ends this long after sign-in however busy it is, so a browser left signed in
    /// meets the second factor again; <c>Auth:SessionIdleTimeout</c> ends it sooner when unused.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan MaxSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The data service's price list for the portal's cost estimates (examples/pricing.yaml shows the
    /// format), as <c>lake cost estimate --pricing</c> reads it; a relative path is from where the server runs.
    /// </summary>
    [Required]
    public string PriceList { get; set; } = Path.Combine("examples", "pricing.yaml");
}
