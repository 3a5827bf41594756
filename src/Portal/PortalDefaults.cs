namespace Lake.Portal;

/// <summary>Scheme names and paths of the Data Portal.</summary>
public static class PortalDefaults
{
    /// <summary>The portal's browser session: a cookie, never accepted by the API, which takes bearer tokens only.</summary>
    public const string CookieScheme = "Lake.Portal";

    /// <summary>Signs people in at the authority (authorization code + PKCE) and hands the session to <see cref="CookieScheme"/>.</summary>
    public const string OpenIdConnectScheme = "Lake.Portal.Oidc";

    /// <summary>Every portal page but the signed-out ones: a signed-in person.</summary>
    public const string Policy = "lake-portal";

    public const string BasePath = "/portal";

    /// <summary>Where the authority sends the browser back with the code; registered as the portal client's redirect URI.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Where the authority sends the browser back after signing out.</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public const string SignOutPath = "/portal/sign-out";

    public const string SignedOutPath = "/portal/signed-out";

    public const string SignInFailedPath = "/portal/sign-in-failed";

    public const string LanguagePath = "/portal/language";

    public const string CatalogPath = "/portal/catalog";

    public const string RequestsPath = "/portal/requests";

    public const string PreliminaryPath = "/portal/preliminary";

    public const string CostPath = "/portal/cost";

    /// <summary>The operators' dashboard: what the engine is doing, as charts.</summary>
    public const string OperationsPath = "/portal/operations";

    /// <summary>Data-service staff's pages: permits, the queue of every request, and each source system's ingest history.</summary>
    public const string PermitsPath = "/portal/permits";

    public const string QueuePath = "/portal/queue";

    public const string SourcesPath = "/portal/sources";

    /// <summary>The data request form.</summary>
    public const string NewRequestPath = "/portal/requests/new";

    /// <summary>The data transfer request form: the same, with a configured secure environment to deliver to.</summary>
    public const string NewTransferPath = "/portal/transfers/new";

    /// <summary>Fragments of pages whose content moves while a request is open; the portal's script fetches them.</summary>
    public const string LivePath = "/portal/live";
}
