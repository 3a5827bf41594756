using Lake.Ingest;
using Lake.Ingest.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli;

/// <summary>
/// The services of an ingest worker over a workspace: the consumer of <c>IngestFeed</c> and, on
/// the one host that watches the feeds folder, the watcher that sends those messages.
/// </summary>
internal static class IngestWorker
{
    public const string ServiceName = "lake-ingest-worker";

    public static void AddServices(IHostApplicationBuilder builder, Workspace workspace, string sourcesFolder, bool watch)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddLakeIngest(workspace.Layout, new IngestFolders(workspace.FeedsFolder, sourcesFolder),
            _ => new FeedIngestor(workspace.Layout, workspace.CreatePseudonymizer(), workspace.Keys, workspace.Time) { Registers = workspace.Registers }, watch);
    }

    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddLakeIngestConsumers();
}
