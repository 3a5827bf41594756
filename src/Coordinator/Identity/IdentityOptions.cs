using System.ComponentModel.DataAnnotations;

namespace Lake.Coordinator.Identity;

/// <summary>Local accounts of the embedded authority (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>Every person needs a TOTP second factor to sign in; the secure-environment rules ask for it.</summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(8, 256)]
    public int MinPasswordLength { get; set; } = 12;
}
