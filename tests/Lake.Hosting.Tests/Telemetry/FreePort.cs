using System.Net;
using System.Net.Sockets;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>A TCP port nothing listens on right now, for a test's scrape endpoint.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
