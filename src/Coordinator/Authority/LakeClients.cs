namespace Lake.Coordinator.Authority;

/// <summary>The embedded authority's own clients and the API's scope.</summary>
public static class LakeClients
{
    /// <summary>The `lake` command line: a public client using the device authorization flow.</summary>
    public const string CommandLine = "lake-cli";

    /// <summary>The Data Portal: a public client using the authorization code flow with PKCE.</summary>
    public const string Portal = "lake-portal";

    /// <summary>The scope a client asks for to call the coordinator's API.</summary>
    public const string ApiScope = "lake.api";
}
