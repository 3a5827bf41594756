using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Lake.Hosting.Telemetry;
using Lake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Tests.Telemetry;

[TestFixture]
[Category(TestCategories.Integration)]
public sealed class TelemetryExtensionsTests
{
    [Test]
    public async Task AddLakeTelemetry_DefaultHost_ServesMetricsOnLoopbackOnly()
    {
        var port = FreePort.Next();
        using var host = Build(new() { ["Telemetry:PrometheusPort"] = Text(port) });
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(async () => await http.GetAsync(new Uri($"http://{OtherAddress()}:{port}/metrics")), Throws.InstanceOf<HttpRequestException>(),
                "another interface of this machine is refused");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task AddLakeTelemetry_HostStar_ServesMetricsOnEveryInterface()
    {
        var port = FreePort.Next();
        using var host = Build(new() { ["Telemetry:PrometheusPort"] = Text(port), ["Telemetry:PrometheusHost"] = "*" });
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            // Not loopback: a container's endpoint is scraped from another address.
            var response = await http.GetAsync(new Uri($"http://{OtherAddress()}:{port}/metrics"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public void AddLakeTelemetry_PortOutOfRange_FailsNamingTheSetting()
    {
        Assert.That(() => Build(new() { ["Telemetry:PrometheusPort"] = "70000" }).Dispose(),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Telemetry:PrometheusPort"));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLakeTelemetry("lake-test");
        return builder.Build();
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An IPv4 address of this machine that is not loopback: what another host would connect to.</summary>
    private static IPAddress OtherAddress()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (address is null)
            Assert.Ignore("This machine has no network interface but loopback; the rule cannot be told apart here.");
        return address!;
    }
}
