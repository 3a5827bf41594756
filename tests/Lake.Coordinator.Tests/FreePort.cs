using System.Net;
using System.Net.Sockets;

namespace Lake.Coordinator.Tests;

/// <summary>A TCP port nothing listens on right now, for a test's coordinator.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
