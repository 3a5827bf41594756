using System.Net;
using System.Net.Sockets;

namespace Lake.Testing;

/// <summary>A TCP port nothing listens on right now, for a test's server or scrape endpoint.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
