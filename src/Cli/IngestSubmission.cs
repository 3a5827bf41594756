using Lake.Contracts.Ingest;
using Lake.Hosting;
using Lake.Ingest.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Cli;

/// <summary>
/// <c>lake ingest --submit</c>: sends a feed to the ingest workers instead of ingesting it here.
/// The feed must already sit in the shared feeds folder, where the workers read it.
/// </summary>
internal static class IngestSubmission
{
    public static async Task<IngestFeed> SubmitAsync(Workspace workspace, string sourcesFolder, string descriptorPath, string feedPath, CancellationToken cancellationToken)
    {
        var folders = new IngestFolders(workspace.FeedsFolder, sourcesFolder);
        var feed = Path.GetFullPath(feedPath);
        if (!feed.StartsWith(folders.FeedsFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The workers read feeds from {folders.FeedsFolder}; copy '{feedPath}' there first (e.g. into incoming/) and submit that path.");
        if (!File.Exists(feed))
            throw new FileNotFoundException($"Feed '{feedPath}' does not exist.");
        var descriptor = Path.GetFullPath(descriptorPath);
        if (!descriptor.StartsWith(folders.SourcesFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The workers know the descriptors in {folders.SourcesFolder} only; add '{descriptorPath}' there first.");

        var message = new IngestFeed
        {
            FeedPath = folders.RelativeFeedPath(feed),
            Descriptor = Path.ChangeExtension(Path.GetRelativePath(folders.SourcesFolder, descriptor), null).Replace(Path.DirectorySeparatorChar, '/'),
        };

        var builder = Host.CreateApplicationBuilder();
        CommandHosts.Prepare(builder, workspace.DataFolder);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var messaging = MessagingOptions.From(builder.Configuration);
        if (messaging.Transport != MessagingTransport.RabbitMq)
            throw new ArgumentException("--submit sends the feed to ingest workers over RabbitMQ: set Messaging__Transport=RabbitMq and Messaging__RabbitMqUri, or leave out --submit to ingest here.");
        builder.AddLakeMessaging(_ => { });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            await host.Services.GetRequiredService<IBus>().Publish(message, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        return message;
    }
}
