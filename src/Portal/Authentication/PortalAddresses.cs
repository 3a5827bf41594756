using Lake.Coordinator.Authority;

namespace Lake.Portal.Authentication;

/// <summary>
/// Where the portal finds its authority, and the portal addresses that authority may send a
/// browser back to. The embedded authority is this very server: its configured issuer, or the
/// address it listens on (a wildcard reached over loopback). A hospital's authority is its own
/// issuer, and its redirect URIs are registered there, not here.
/// </summary>
internal sealed record PortalAddresses(Uri Authority, IReadOnlyList<Uri> PortalBases, bool PlainLoopback)
{
    public static PortalAddresses For(AuthOptions auth, Uri listenAddress)
    {
        if (!auth.IsEmbedded)
        {
            var external = new Uri(auth.Authority!, UriKind.Absolute);
            return new PortalAddresses(external, [], external.Scheme == Uri.UriSchemeHttp && external.IsLoopback);
        }

        if (auth.Issuer is { Length: > 0 } issuer)
        {
            var configured = new Uri(issuer, UriKind.Absolute);
            return new PortalAddresses(configured, [Root(configured)], configured.Scheme == Uri.UriSchemeHttp && configured.IsLoopback);
        }

        var reachable = Loopback(listenAddress);
        var plain = reachable.Scheme == Uri.UriSchemeHttp;
        // A port chosen at start is not known yet, so no redirect URI can name it: such a server
        // needs Auth:PortalRedirectUris (or a fixed port) for the portal to sign anyone in.
        if (listenAddress.Port == 0)
            return new PortalAddresses(reachable, [], plain);
        // A person may type either name of this machine; the authority compares redirect URIs exactly.
        var bases = reachable.Host is "127.0.0.1" or "localhost"
            ? new[] { reachable, WithHost(reachable, "127.0.0.1"), WithHost(reachable, "localhost") }.Select(Root).Distinct().ToList()
            : [Root(reachable)];
        return new PortalAddresses(reachable, bases, plain);
    }

    public IEnumerable<string> RedirectUris => PortalBases.Select(b => new Uri(b, PortalDefaults.CallbackPath).ToString());

    public IEnumerable<string> PostLogoutRedirectUris => PortalBases.Select(b => new Uri(b, PortalDefaults.SignedOutCallbackPath).ToString());

    /// <summary>A wildcard listen address (0.0.0.0, [::]) as this machine reaches it.</summary>
    private static Uri Loopback(Uri listenAddress) => listenAddress.Host switch
    {
        "0.0.0.0" => WithHost(listenAddress, "127.0.0.1"),
        "[::]" or "::" => WithHost(listenAddress, "[::1]"),
        _ => listenAddress,
    };

    private static Uri WithHost(Uri address, string host) => new UriBuilder(address) { Host = host }.Uri;

    private static Uri Root(Uri address) => new(address.GetLeftPart(UriPartial.Authority) + "/");
}
