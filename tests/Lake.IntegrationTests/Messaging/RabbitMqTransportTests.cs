using Lake.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Lake.IntegrationTests.Messaging;

[Category(TestCategories.Integration)]
public sealed class RabbitMqTransportTests : RabbitMqFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(120_000)]
    public async Task Send_ProbeToQuorumQueue_ConsumerPublishesEventWithSamePayload(CancellationToken cancellationToken)
    {
        await using var bus = await ProbeBus.StartAsync(SharedBroker.AmqpUri(BrokerRole.Admin), "transport", consume: true, cancellationToken);
        var probe = new ProbeBroker { ProbeId = Guid.NewGuid(), Sender = nameof(RabbitMqTransportTests), Sequence = 7 };
        var sentAt = DateTimeOffset.UtcNow;

        await bus.SendAsync(probe, cancellationToken);
        var probed = await bus.Log.WaitForAsync(probe.ProbeId, Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(probed.ProbeId, Is.EqualTo(probe.ProbeId));
            Assert.That(probed.Sender, Is.EqualTo(probe.Sender));
            Assert.That(probed.Sequence, Is.EqualTo(7));
            Assert.That(probed.ConsumedAt, Is.EqualTo(sentAt).Within(Wait));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ConfigureEndpoints_QuorumCallback_DeclaresConsumerQueueAsQuorum(CancellationToken cancellationToken)
    {
        await using var bus = await ProbeBus.StartAsync(SharedBroker.AmqpUri(BrokerRole.Admin), "quorum", consume: true, cancellationToken);
        var factory = new ConnectionFactory { Uri = new Uri(SharedBroker.AmqpUri(BrokerRole.Admin)) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);

        // Declaring an existing queue succeeds only with the same arguments, so the
        // broker itself tells which type the bus declared.
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            Assert.That(
                async () => await DeclareAsync(channel, bus.ProbeQueue, "quorum", cancellationToken),
                Throws.Nothing);
        }
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            Assert.That(
                async () => await DeclareAsync(channel, bus.ProbeQueue, "classic", cancellationToken),
                Throws.InstanceOf<OperationInterruptedException>()
                    .With.Message.Contains("x-queue-type"));
        }
    }

    private static Task DeclareAsync(IChannel channel, string queue, string type, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(
            queue,
            durable: true,
            exclusive: false,
            autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = type },
            cancellationToken: cancellationToken);
}
