using Lake.Hosting.Telemetry;
using Lake.Telemetry;
using Lake.Testing;
using RabbitMQ.Client;

namespace Lake.Hosting.Tests.Telemetry;

[TestFixture]
[Category(TestCategories.Integration)]
public sealed class RabbitMqQueueDepthProbeTests : RabbitMqFixture
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Read_QueueWithMessagesAndQueueNotDeclared_ReportsTheWaitingMessagesOfTheOne(CancellationToken cancellationToken)
    {
        var queue = "lake-test-depth-" + Guid.NewGuid().ToString("N")[..8];
        var absent = queue + "-absent";
        var factory = new ConnectionFactory { Uri = new Uri(BrokerUri) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        // Confirmed publishes: the broker has the messages in the queue before the probe asks.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        try
        {
            for (var i = 0; i < 3; i++)
                await channel.BasicPublishAsync("", queue, "waiting"u8.ToArray(), cancellationToken);
            await using var probe = new RabbitMqQueueDepthProbe(new Uri(BrokerUri), [absent, queue]);

            var depths = await probe.ReadAsync(cancellationToken);

            Assert.That(depths, Is.EqualTo(new[] { new QueueDepth(queue, 3) }));
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: cancellationToken);
        }
    }
}
