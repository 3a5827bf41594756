using System.CommandLine;
using Lake.Hosting;
using Lake.Hosting.Health;
using Lake.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake worker`: a stateless extraction worker. Takes tasks from the broker, writes datasets into
/// the delivery area, reports them to the coordinator. Run any number, on any host that sees the
/// lake, the delivery area and the key ring.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Run an extraction worker: takes tasks from the RabbitMQ broker until stopped.");
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var builder = Host.CreateApplicationBuilder();
            CommandHosts.Prepare(builder, workspace.DataFolder);
            var messaging = MessagingOptions.From(builder.Configuration);
            if (messaging.Transport != MessagingTransport.RabbitMq)
                throw new ArgumentException("A worker takes its tasks from a broker: set Messaging__Transport=RabbitMq and Messaging__RabbitMqUri (with the in-memory bus, 'lake serve' does the work itself).");
            workspace.AddExtractionServices(builder.Services);
            builder.AddLakeTelemetry("lake-worker");
            builder.AddLakeHealthChecks(workspace.Layout.Root);
            builder.AddLakeExtraction(ExtractionRoles.Worker);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            Console.WriteLine("lake worker: ready");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
