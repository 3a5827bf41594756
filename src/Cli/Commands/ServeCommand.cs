using System.CommandLine;
using Lake.Cli.Serving;
using Lake.Coordinator.Distribution;
using Lake.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake serve`: the coordinator. Owns the control plane, takes requests over HTTP from
/// authenticated callers, plans their tasks for the workers and assembles the deliveries. With
/// the in-memory bus it works the tasks itself, so one process serves a laptop or a single-node
/// install; without an external authority it is its own OpenID Connect authority.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Where the HTTP API listens (default: Coordinator:Url in configuration, http://127.0.0.1:5080)." };
        var command = new Command("serve", "Run the coordinator: an authenticated HTTP API for requests, tasks to workers over the bus, deliveries assembled.") { url };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var configured = workspace.Configuration;
            var options = configured.GetSection(CoordinatorOptions.SectionName).Get<CoordinatorOptions>() ?? new CoordinatorOptions();
            var address = parse.GetValue(url) ?? options.Url;
            await using var app = await CoordinatorHost.BuildAsync(workspace, address, cancellationToken: cancellationToken);
            // Starting waits for the bus, which declares every queue and binding first: no request
            // is taken before its tasks have somewhere to go.
            await app.StartAsync(cancellationToken);
            var messaging = MessagingOptions.From(configured);
            Console.WriteLine($"lake serve: coordinator listening on {string.Join(", ", app.Urls)} ({messaging.Transport} bus)");
            Console.WriteLine($"lake serve: sign in with 'lake login --server {app.Urls.First()}'");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
