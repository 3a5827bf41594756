using System.Globalization;
using System.Text.Json;
using Lake.Hosting.Tests.Telemetry;
using Lake.Testing;

namespace Lake.Hosting.Tests.Health;

/// <summary>
/// `/healthz` and `/readyz` of real `lake worker` and `lake serve` processes, on a RabbitMQ node of
/// this fixture's own: one test stops it, which would break other assemblies' tests on the shared one.
/// </summary>
[TestFixture]
[Category(TestCategories.RabbitMq)]
[Category(TestCategories.Integration)]
[NonParallelizable] // Stops the broker under running processes.
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private PrivateRabbitMqNode? _node;
    private TempDirectory _folder = null!;

    private PrivateRabbitMqNode Node => _node ?? throw new InvalidOperationException("No node: OneTimeSetUp did not run");

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _folder = new TempDirectory();
        try
        {
            _node = await PrivateRabbitMqNode.StartAsync();
        }
        catch (InvalidOperationException exception)
        {
            TestEnvironment.IgnoreLocallyFailOnCi($"Could not start a private RabbitMQ node: {exception.Message}");
        }
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        if (_node is not null)
            await _node.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Worker_BrokerAndLakeThere_HealthzAndReadyzAnswer200()
    {
        var data = NewDataFolder();
        var (worker, url) = StartWorker(data);
        using (worker)
        {
            var (_, ready) = await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
            await worker.WaitForStatusAsync(new Uri(url, "/healthz"), 200, Wait);

            Assert.That(Checks(ready), Is.EquivalentTo(new Dictionary<string, string> { ["broker"] = "Healthy", ["lake-storage"] = "Healthy" }));
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Worker_LakeFolderRemoved_ReadyzAnswers503NamingLakeStorageWithoutItsPath()
    {
        var data = NewDataFolder();
        var (worker, url) = StartWorker(data);
        using (worker)
        {
            await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
            Directory.Delete(Path.Combine(data, "lake"), recursive: true);

            var (_, body) = await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 503, Wait);
            await worker.WaitForStatusAsync(new Uri(url, "/healthz"), 200, Wait);

            Assert.Multiple(() =>
            {
                Assert.That(Checks(body), Does.ContainKey("lake-storage").WithValue("Unhealthy"));
                Assert.That(Checks(body), Does.ContainKey("broker").WithValue("Healthy"));
                Assert.That(body, Does.Contain("the lake folder is missing"));
                Assert.That(body, Does.Not.Contain(_folder.Path), "no path in an unauthenticated answer");
            });
        }
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Worker_BrokerStopped_ReadyzAnswers503NamingTheBrokerAndHealthzStill200()
    {
        var data = NewDataFolder();
        var (worker, url) = StartWorker(data);
        using (worker)
        {
            await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
            await Node.StopAsync();
            try
            {
                var (_, body) = await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 503, Wait);
                await worker.WaitForStatusAsync(new Uri(url, "/healthz"), 200, Wait);

                Assert.Multiple(() =>
                {
                    Assert.That(Checks(body)["broker"], Is.Not.EqualTo("Healthy"));
                    Assert.That(Checks(body), Does.ContainKey("lake-storage").WithValue("Healthy"));
                    Assert.That(body, Does.Not.Contain(Node.Broker.Password(BrokerRole.Worker)));
                });
            }
            finally
            {
                await Node.StartAgainAsync();
            }

            await worker.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Coordinator_EverythingThere_ReadyzChecksControlPlaneBrokerAndLake()
    {
        var data = NewDataFolder();
        var (coordinator, url) = StartCoordinator(data);
        using (coordinator)
        {
            var (_, ready) = await coordinator.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
            await coordinator.WaitForStatusAsync(new Uri(url, "/healthz"), 200, Wait);

            Assert.That(Checks(ready), Is.EquivalentTo(new Dictionary<string, string>
            {
                ["broker"] = "Healthy", ["control-plane"] = "Healthy", ["lake-storage"] = "Healthy",
            }));
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Coordinator_LakeFolderRemoved_ReadyzAnswers503NamingLakeStorage()
    {
        var data = NewDataFolder();
        var (coordinator, url) = StartCoordinator(data);
        using (coordinator)
        {
            await coordinator.WaitForStatusAsync(new Uri(url, "/readyz"), 200, Wait);
            Directory.Delete(Path.Combine(data, "lake"), recursive: true);

            var (_, body) = await coordinator.WaitForStatusAsync(new Uri(url, "/readyz"), 503, Wait);

            Assert.Multiple(() =>
            {
                Assert.That(Checks(body), Does.ContainKey("lake-storage").WithValue("Unhealthy"));
                Assert.That(Checks(body), Does.ContainKey("control-plane").WithValue("Healthy"));
                Assert.That(body, Does.Not.Contain(_folder.Path));
            });
        }
    }

    private string NewDataFolder()
    {
        var data = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(data, "lake"));
        return data;
    }

    private (LakeProcess Process, Uri Url) StartWorker(string data)
    {
        var port = FreePort.Next();
        var environment = Environment(BrokerRole.Worker);
        environment["Health__Port"] = port.ToString(CultureInfo.InvariantCulture);
        return (LakeProcess.Start(data, environment, "worker", "--data", data, "--keyring", _folder.File("keyring.json")), new Uri($"http://127.0.0.1:{port}"));
    }

    private (LakeProcess Process, Uri Url) StartCoordinator(string data)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        return (LakeProcess.Start(data, Environment(BrokerRole.Coordinator), "serve", "--url", url.ToString(), "--data", data, "--keyring", _folder.File("keyring.json")), url);
    }

    private Dictionary<string, string> Environment(BrokerRole role)
    {
        var environment = Node.Broker.Environment(role);
        environment["Logging__LogLevel__Microsoft"] = "Warning";
        environment["Logging__LogLevel__MassTransit"] = "Warning";
        return environment;
    }

    /// <summary>Each check's name and status in a <c>/readyz</c> answer.</summary>
    private static Dictionary<string, string> Checks(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
    }
}
