using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.IntegrationTests.Messaging;

/// <summary>
/// A MassTransit bus on RabbitMQ in a generic host, configured as Lake's services configure theirs:
/// endpoints from <c>ConfigureEndpoints</c>, every one a quorum queue.
/// </summary>
public sealed class ProbeBus : IAsyncDisposable
{
    // Bounds start and stop, so a broker that is down fails the test instead of hanging it.
    private static readonly TimeSpan HostTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost _host;

    private ProbeBus(IHost host, string probeQueue)
    {
        _host = host;
        ProbeQueue = probeQueue;
    }

    /// <summary>The quorum queue <see cref="ProbeBrokerConsumer"/> reads.</summary>
    public string ProbeQueue { get; }

    /// <summary>The events this bus's <see cref="BrokerProbedRecorder"/> received.</summary>
    public ProbeLog Log => _host.Services.GetRequiredService<ProbeLog>();

    /// <summary>
    /// Starts a bus whose queues are named after <paramref name="name"/>, as the broker user in
    /// <paramref name="brokerUri"/> (the tests' admin: the probe queues are no Lake role's). With <paramref name="consume"/>
    /// false it only sends, so messages wait in the queues for a bus that consumes.
    /// </summary>
    public static async Task<ProbeBus> StartAsync(string brokerUri, string name, bool consume, CancellationToken cancellationToken)
    {
        var probeQueue = $"{name}-probe-broker";
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        // Connection losses and recoveries show in the test output; routine chatter does not.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProbeLog>();
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = HostTimeout;
            options.StopTimeout = HostTimeout;
        });
        builder.Services.AddMassTransit(bus =>
        {
            if (consume)
            {
                bus.AddConsumer<ProbeBrokerConsumer>().Endpoint(endpoint => endpoint.Name = probeQueue);
                bus.AddConsumer<BrokerProbedRecorder>().Endpoint(endpoint => endpoint.Name = $"{name}-broker-probed");
            }
            // Quorum queues are replicated and durable; Lake declares every consumer queue as one.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(brokerUri));
                rabbit.ConfigureEndpoints(context);
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ProbeBus(host, probeQueue);
    }

    /// <summary>Sends <paramref name="probe"/> to <see cref="ProbeQueue"/> as a persistent message.</summary>
    public async Task SendAsync(ProbeBroker probe, CancellationToken cancellationToken)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        // Not "queue:": that address makes the sender declare the queue itself, as a classic
        // queue; the broker refuses ("inequivalent arg 'x-queue-type'") and MassTransit retries
        // the send forever. The consumer's endpoint owns the queue and binds to it an exchange
        // of the same name, so the sender only needs the exchange.
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{ProbeQueue}"));
        // Persistent is MassTransit's default; said here because the restart tests depend on it.
        await endpoint.Send(probe, context => context.Durable = true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(HostTimeout);
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
