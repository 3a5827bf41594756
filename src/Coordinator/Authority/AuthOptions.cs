using System.ComponentModel.DataAnnotations;

namespace Lake.Coordinator.Authority;

/// <summary>
/// Who vouches for callers (section <c>Auth</c>). Without <see cref="Authority"/> the coordinator
/// hosts its own OpenID Connect authority over Lake's local accounts; with it, the hospital's
/// identity provider issues the tokens and the claims named here carry subject and roles.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The issuer of an external identity provider (Keycloak realm, Entra ID tenant, ...); empty for the embedded authority.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience every access token must carry.</summary>
    [Required]
    public string Audience { get; set; } = "lake-api";

    /// <summary>The embedded authority's issuer; by default the address `lake serve` listens on.</summary>
    public string? Issuer { get; set; }

    /// <summary>The claim holding the Lake user name that permits list as members.</summary>
    [Required]
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>The claim holding roles; a dotted path reads into a JSON claim (Keycloak: <c>realm_access.roles</c>).</summary>
    [Required]
    public string RoleClaim { get; set; } = "role";

    /// <summary>Role values of the identity provider mapped to Lake's roles; unmapped values count only if they are Lake role names.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A browser session of the embedded authority ends after this long without use.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where the portal client may be sent back to after sign-in (authorization code with PKCE).</summary>
    public List<string> PortalRedirectUris { get; set; } = [];

    /// <summary>Where the portal client may be sent back to after signing out at the authority.</summary>
    public List<string> PortalPostLogoutRedirectUris { get; set; } = [];

    /// <summary>An external authority over plain HTTP elsewhere than on this machine is accepted only when this is set (a test realm).</summary>
    public bool AllowInsecureAuthority { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Authority);
}
