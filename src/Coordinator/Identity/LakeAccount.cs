namespace Lake.Coordinator.Identity;

/// <summary>
/// A person or a service known to Lake. People sign in with a password and a TOTP code; services
/// authenticate as OpenIddict clients (client credentials) and have neither.
/// </summary>
public sealed class LakeAccount
{
    /// <summary>The subject of every token and every decision; permits name members by it.</summary>
    public required string UserName { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>Space-separated <see cref="LakeRoles"/>.</summary>
    public string Roles { get; set; } = "";

    public AccountKind Kind { get; set; } = AccountKind.Person;

    /// <summary>ASP.NET Core Identity's PBKDF2 format; empty for services.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>The TOTP seed sealed under the key ring (<see cref="Pseudonymization.SecretBox"/>); null until enrolled.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>The last accepted TOTP time step: a code is accepted once.</summary>
    public long TotpLastStep { get; set; }

    public bool Disabled { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset Created { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
