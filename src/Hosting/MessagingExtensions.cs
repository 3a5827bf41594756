using Lake.Contracts.Extraction;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting;

public static class MessagingExtensions
{
    /// <summary>The bus, with the transport picked from configuration in this one place.</summary>
    public static IHostApplicationBuilder AddLakeMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var messaging = MessagingOptions.From(builder.Configuration);
        // Resolved while the host is built, so a missing user or password file fails the command
        // with the setting's name before anything starts.
        var broker = messaging.Transport == MessagingTransport.RabbitMq ? BrokerConnection.From(messaging) : null;
        if (broker is not null)
        {
            builder.Services.TryAddSingleton(broker);
            // Registered before the bus, so it starts (and fails) first.
            builder.Services.AddHostedService(_ => new BrokerReachability(broker, messaging.ConnectTimeout));
        }
        // Starting the host waits until every receive endpoint's queue and binding exist: a command
        // published before that would reach an exchange with no queue behind it and be lost.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit's own readiness check (tagged "ready"), under a name an operator reads in /readyz.
            bus.ConfigureHealthCheckOptions(health => health.Name = "broker");
            addConsumers(bus);
            // Bounded retries in the consumer's process, then the error queue; a poison message
            // (a corrupt file, a bug) stops after a few attempts instead of cycling forever.
            var retryIntervals = messaging.RetryIntervals ?? [.. MessagingOptions.DefaultRetryIntervals];
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseMessageRetry(retry => retry.Intervals(retryIntervals)));
            // In-memory is the default so a laptop or single-node install needs no broker;
            // RabbitMQ is chosen by configuration, never by a code change.
            if (broker is not null)
            {
                // Quorum queues survive the loss of a broker node and count deliveries; one message
                // at a time per consumer keeps a slow or poison task from holding others hostage:
                // the rest of the queue goes to other consumers meanwhile.
                bus.AddConfigureEndpointsCallback((_, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.SetQuorumQueue();
                        rabbit.SetQueueArgument("x-delivery-limit", messaging.DeliveryLimit);
                        rabbit.PrefetchCount = 1;
                    }
                });
                bus.UsingRabbitMq((context, cfg) =>
                {
                    // Publishing returns once the broker has the message (MassTransit's default,
                    // stated so that no one turns it off): the outbox marks a message sent only then.
                    cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                    {
                        host.PublisherConfirmation = true;
                        broker.ApplyTo(host);
                    });
                    // A command published before its consumer's queue exists (no worker has ever
                    // started) would be dropped by the exchange. Mandatory makes the broker return
                    // it and the publish fail, so the outbox keeps it until there is a queue.
                    cfg.ConfigurePublish(publish => publish.UseExecute(context =>
                    {
                        if (context is PublishContext<ExtractDataset> or PublishContext<StartExtraction> && context is RabbitMqSendContext rabbit)
                            rabbit.Mandatory = true;
                    }));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return builder;
    }
}
