using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The data request of the walking skeleton with the bus on a real RabbitMQ broker, chosen by
/// configuration alone: the delivery must be the same, file for file, as with the in-memory bus.
/// </summary>
[TestFixture]
[Category(TestCategories.RabbitMq)]
[NonParallelizable] // Sets process-wide environment variables that the host reads.
public sealed class RabbitMqExtractionTests : LakePipelineFixture
{
    [Test]
    public async Task Submit_OverRabbitMq_DeliversTheSameFilesAsTheInMemoryBus()
    {
        var broker = TestBroker.FromEnvironment();
        if (!await Broker.IsReachableAsync(broker.AmqpUri(BrokerRole.Admin)))
            TestEnvironment.IgnoreLocallyFailOnCi($"No RabbitMQ at {broker}; run the README's test command, which starts one");
        await AddPermit("BUS-1", "bus-study", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");

        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "BUS-1", "--as", "alice"), Is.Zero, "in-memory bus");
        // One process plays coordinator and worker here, so no single role's permissions cover
        // its queues; the distributed tests run each role as its own user.
        var environment = broker.Environment(BrokerRole.Admin);
        foreach (var (key, value) in environment)
            Environment.SetEnvironmentVariable(key, value);
        try
        {
            // Bounded: a command lost on the way must fail the test, not hang the run.
            Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "BUS-1", "--as", "bob", "--wait", "120"), Is.Zero, "RabbitMQ");
        }
        finally
        {
            foreach (var key in environment.Keys)
                Environment.SetEnvironmentVariable(key, null);
        }

        var requests = (await AllRequestsAsync()).Where(r => r.PermitId == "BUS-1").ToList();
        var inMemory = Manifest(requests.Single(r => r.RequestedBy == "alice"));
        var overBroker = Manifest(requests.Single(r => r.RequestedBy == "bob"));
        Assert.That(overBroker.Files.Select(f => (f.Name, f.Sha256)), Is.EqualTo(inMemory.Files.Select(f => (f.Name, f.Sha256))));
    }

    private static DeliveryManifest Manifest(RequestRecord record)
    {
        Assert.That(record.State, Is.EqualTo(RequestState.Delivered), record.Reason);
        return JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(record.DeliveryFolder!, "manifest.json")), LakeJson.Options)!;
    }
}
