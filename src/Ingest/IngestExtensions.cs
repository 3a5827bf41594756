using Lake.Contracts.Lake;
using Lake.Ingest.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Ingest;

/// <summary>
/// An ingest worker's part of a host: the lake it writes, the folders feeds and descriptors are
/// found in, the ingestor, and (on the one host that watches the feeds folder) the watcher that
/// sends each landed feed; its consumer goes on the bus with <see cref="AddLakeIngestConsumers"/>.
/// The host provides a <see cref="TimeProvider"/> and the metrics (<c>AddLakeTelemetry</c>).
/// </summary>
public static class IngestExtensions
{
    public static IHostApplicationBuilder AddLakeIngest(this IHostApplicationBuilder builder, LakeLayout layout, IngestFolders folders,
        Func<IServiceProvider, FeedIngestor> ingestor, bool watch)
    {
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(folders);
        builder.Services.AddSingleton(ingestor);
        if (watch)
            builder.Services.AddHostedService<IncomingFeedWatcher>();
        return builder;
    }

    /// <summary>The consumer of <c>IngestFeed</c>, one feed at a time per worker.</summary>
    public static IBusRegistrationConfigurator AddLakeIngestConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<IngestFeedConsumer, IngestFeedConsumerDefinition>();
        return bus;
    }
}
