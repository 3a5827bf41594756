using System.Net;
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
    public async Task AddLakeTelemetry_DefaultHost_ServesMetricsOnEveryInterface()
    {
        var port = FreePort.Next();
        using var host = Build(new() { ["Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.StartAsync();
        try
        {
            using var http = new HttpClient();
            // Not "localhost": a container's endpoint is scraped from another address.
            var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
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

}
