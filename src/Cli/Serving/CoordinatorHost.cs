using Lake.Coordinator;
using Lake.Coordinator.Api;
using Lake.Coordinator.Identity;
using Lake.Hosting;
using Lake.Hosting.Health;
using Lake.Hosting.Telemetry;
using Lake.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Cli.Serving;

/// <summary>
/// The coordinator as `lake serve` composes it: the workspace's control plane, the extraction
/// roles the bus calls for, the sweeper, authentication, the API and the Data Portal. Tests build the very same
/// host on a loopback port.
/// </summary>
internal static class CoordinatorHost
{
    public static async Task<WebApplication> BuildAsync(Workspace workspace, string url, Action<IConfigurationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // Expired permits lose their deliveries before anything is served.
        await workspace.CreatePermitLifecycle().CloseExpiredAsync("lake", DateOnly.FromDateTime(workspace.Time.GetUtcNow().UtcDateTime), cancellationToken);
        var builder = WebApplication.CreateBuilder();
        CommandHosts.Prepare(builder, workspace.DataFolder);
        configure?.Invoke(builder.Configuration);
        RequestRunner.AddWorkspaceServices(builder, workspace);
        builder.AddLakeTelemetry("lake-serve");
        builder.AddLakeMeterHistory();
        builder.AddLakeHealthChecks(workspace.Layout.Root, workspace.ControlPlanePath);
        var messaging = MessagingOptions.From(builder.Configuration);
        builder.AddLakeExtraction(messaging.Transport == MessagingTransport.InMemory ? ExtractionRoles.SingleProcess : ExtractionRoles.Coordinator, sweepStalledRequests: true);
        builder.WebHost.UseUrls(url);
        var listenAddress = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        builder.AddLakeCoordinator(new CoordinatorWorkspace(workspace.Layout, workspace.ControlPlanePath, workspace.Keys, workspace.Registers), workspace.IdentityDatabasePath, listenAddress);
        builder.AddLakePortal(listenAddress);
        var app = builder.Build();
        app.MapLakeCoordinator();
        app.MapLakePortal();
        app.MapLakeHealthEndpoints();
        return app;
    }
}
