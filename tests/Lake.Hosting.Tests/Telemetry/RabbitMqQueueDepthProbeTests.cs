using Lake.Hosting.Telemetry;
using Lake.Telemetry;
using Lake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>The queue-depth probe against a broker, on a queue of the test's own holding three messages.</summary>
[TestFixture]
[Category(TestCategories.Integration)]
public sealed class RabbitMqQueueDepthProbeTests : RabbitMqFixture
{
    private string _queue = "";
    private IConnection _connection = null!;

    [SetUp]
    public async Task DeclareQueueWithThreeMessages()
    {
        _queue = "lake-test-depth-" + Guid.NewGuid().ToString("N")[..8];
        _connection = await new ConnectionFactory { Uri = new Uri(SharedBroker.AmqpUri(BrokerRole.Admin)) }.CreateConnectionAsync();
        // Confirmed publishes: the broker has the messages in the queue before the probe asks.
        await using var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(_queue, durable: false, exclusive: false, autoDelete: false);
        for (var i = 0; i < 3; i++)
            await channel.BasicPublishAsync("", _queue, "waiting"u8.ToArray());
    }

    [TearDown]
    public async Task DeleteQueue()
    {
        await using (var channel = await _connection.CreateChannelAsync())
            await channel.QueueDeleteAsync(_queue);
        await _connection.DisposeAsync();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Read_QueueWithMessagesAndQueueNotDeclared_ReportsTheWaitingMessagesOfTheOne(CancellationToken cancellationToken)
    {
        // As a worker's probe reads them: with the worker's user, which may not touch the queue otherwise.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SharedBroker.Settings(BrokerRole.Worker)).Build();
        var broker = BrokerConnection.From(configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>()!);
        await using var probe = new RabbitMqQueueDepthProbe(broker, [_queue + "-absent", _queue]);

        var depths = await probe.ReadAsync(cancellationToken);

        Assert.That(depths, Is.EqualTo(new[] { new QueueDepth(_queue, 3) }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AddLakeTelemetry_QueuesConfigured_ProbeReadsThoseInsteadOfLakesOwn(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = SharedBroker.Settings(BrokerRole.Coordinator);
        settings["Telemetry:Queues:0"] = _queue;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLakeTelemetry("lake-test");
        using var host = builder.Build();

        var depths = await host.Services.GetRequiredService<IQueueDepthProbe>().ReadAsync(cancellationToken);

        Assert.That(depths, Is.EqualTo(new[] { new QueueDepth(_queue, 3) }));
    }
}
