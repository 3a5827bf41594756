using System.CommandLine;
using Lake.Cli.Serving;
using Lake.Extract.Audit;
using Lake.Extract.Distribution;
using Lake.Hosting;
using Lake.Hosting.Health;
using Lake.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake serve`: the coordinator. Owns the control plane, takes requests over HTTP, plans their
/// tasks for the workers and assembles the deliveries. With the in-memory bus it works the tasks
/// itself, so one process serves a laptop or a single-node install.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Where the HTTP API listens (default: Coordinator:Url in configuration, http://127.0.0.1:5080)." };
        var command = new Command("serve", "Run the coordinator: an HTTP API for requests, tasks to workers over the bus, deliveries assembled.") { url };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var store = workspace.OpenControlPlane();
            workspace.CreatePermitLifecycle().CloseExpired("lake", DateOnly.FromDateTime(store.Now.UtcDateTime));
            var builder = WebApplication.CreateBuilder();
            RequestRunner.AddWorkspaceServices(builder, workspace, store);
            builder.AddLakeTelemetry("lake-serve");
            builder.AddLakeHealthChecks(workspace.Layout.Root, workspace.ControlPlanePath);
            var messaging = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
            builder.AddLakeExtraction(messaging.Transport == MessagingTransport.InMemory ? ExtractionRoles.SingleProcess : ExtractionRoles.Coordinator);
            builder.Services.AddHostedService<RequestSweeper>();
            var options = builder.Configuration.GetSection(CoordinatorOptions.SectionName).Get<CoordinatorOptions>() ?? new CoordinatorOptions();
            builder.WebHost.UseUrls(parse.GetValue(url) ?? options.Url);

            await using var app = builder.Build();
            CoordinatorApi.Map(app, store, app.Services.GetRequiredService<AuditLog>(), app.Services.GetRequiredService<OutboxDispatcher>());
            app.MapLakeHealthEndpoints();
            // Starting waits for the bus, which declares every queue and binding first: no request
            // is taken before its tasks have somewhere to go.
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"lake serve: coordinator listening on {string.Join(", ", app.Urls)} ({messaging.Transport} bus)");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
