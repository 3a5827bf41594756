using System.CommandLine;
using Lake.Hosting;
using Lake.Hosting.Health;
using Lake.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli.Commands;

/// <summary><c>lake ingest-worker</c>: a long-running ingest service; run as many as there are feeds to ingest side by side.</summary>
internal static class IngestWorkerCommand
{
    public static Command Create()
    {
        var watch = new Option<bool>("--watch")
        {
            Description = "Also send each feed that lands in <data>/feeds/incoming/<descriptor>/ for ingest (run this on one host).",
        };
        var command = new Command("ingest-worker", "Ingest feeds as IngestFeed messages arrive (RabbitMQ: several workers share the queue); publishes FeedIngested or FeedRejected.")
        {
            watch,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var sources = SourceFolder.Resolve(parse.GetValue(GlobalOptions.Sources));
            var builder = Host.CreateApplicationBuilder();
            CommandHosts.Prepare(builder, workspace.DataFolder);
            var messaging = MessagingOptions.From(builder.Configuration);
            if (messaging.Transport == MessagingTransport.InMemory && !parse.GetValue(watch))
                throw new ArgumentException("With the in-memory bus no other process can send this worker a feed: add --watch, or set Messaging__Transport=RabbitMq and Messaging__RabbitMqUri.");

            builder.AddLakeTelemetry(IngestWorker.ServiceName);
            builder.AddLakeHealthChecks(workspace.Layout.Root);
            IngestWorker.AddServices(builder, workspace, sources, parse.GetValue(watch));
            builder.AddLakeMessaging(IngestWorker.AddConsumers);
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
