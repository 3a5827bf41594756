using Lake.Testing;

namespace Lake.IntegrationTests.Messaging;

/// <summary>
/// Stops and starts a RabbitMQ node under a running bus. The node is this fixture's own
/// (<see cref="PrivateRabbitMqNode"/>): restarting the shared one would break tests that
/// other assemblies run against it at the same time.
/// </summary>
[Category(TestCategories.RabbitMq)]
[Category(TestCategories.Integration)]
[NonParallelizable]
public sealed class BrokerRestartTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private PrivateRabbitMqNode? _node;

    private PrivateRabbitMqNode Node => _node ?? throw new InvalidOperationException("No node: OneTimeSetUp did not run");

    [OneTimeSetUp]
    public async Task StartNode()
    {
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
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Send_WhileBrokerIsDown_IsConsumedAfterRestart(CancellationToken cancellationToken)
    {
        await using var bus = await ProbeBus.StartAsync(Node.Broker.AmqpUri(BrokerRole.Admin), "restart-running", consume: true, cancellationToken);
        var before = NewProbe(1);
        await bus.SendAsync(before, cancellationToken);
        await bus.Log.WaitForAsync(before.ProbeId, Wait, cancellationToken);

        await Node.StopAsync(cancellationToken);
        var during = NewProbe(2);
        // The send waits for the connection to come back rather than failing.
        var sending = bus.SendAsync(during, cancellationToken);
        await Node.StartAgainAsync(cancellationToken);
        await sending.WaitAsync(Wait, cancellationToken);
        var probed = await bus.Log.WaitForAsync(during.ProbeId, Wait, cancellationToken);

        Assert.That(probed.Sequence, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Consume_MessageQueuedBeforeRestart_SurvivesRestart(CancellationToken cancellationToken)
    {
        // A consuming bus declares the quorum queues and bindings, then goes away.
        await (await ProbeBus.StartAsync(Node.Broker.AmqpUri(BrokerRole.Admin), "restart-queued", consume: true, cancellationToken)).DisposeAsync();
        var queued = NewProbe(3);
        await using (var sender = await ProbeBus.StartAsync(Node.Broker.AmqpUri(BrokerRole.Admin), "restart-queued", consume: false, cancellationToken))
            await sender.SendAsync(queued, cancellationToken);

        await Node.StopAsync(cancellationToken);
        await Node.StartAgainAsync(cancellationToken);

        await using var bus = await ProbeBus.StartAsync(Node.Broker.AmqpUri(BrokerRole.Admin), "restart-queued", consume: true, cancellationToken);
        var probed = await bus.Log.WaitForAsync(queued.ProbeId, Wait, cancellationToken);
        Assert.That(probed.Sequence, Is.EqualTo(3));
    }

    private static ProbeBroker NewProbe(int sequence) =>
        new() { ProbeId = Guid.NewGuid(), Sender = nameof(BrokerRestartTests), Sequence = sequence };
}
