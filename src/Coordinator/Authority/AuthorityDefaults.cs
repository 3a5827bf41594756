namespace Lake.Coordinator.Authority;

/// <summary>Scheme names and paths of the embedded authority.</summary>
public static class AuthorityDefaults
{
    /// <summary>The browser session at the authority's sign-in pages (a cookie; never used by the API).</summary>
    public const string SessionScheme = "Lake.Session";

    public const string LoginPath = "/account/login";

    public const string LogoutPath = "/account/logout";

    public const string AuthorizePath = "/connect/authorize";

    public const string TokenPath = "/connect/token";

    public const string DevicePath = "/connect/device";

    public const string VerifyPath = "/connect/verify";

    public const string EndSessionPath = "/connect/logout";

    public const string RevocationPath = "/connect/revoke";
}
