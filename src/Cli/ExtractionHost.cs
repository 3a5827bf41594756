using Lake.Coordinator;
using Lake.Extract;
using Lake.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lake.Cli;

/// <summary>
/// Composes the extraction roles a command plays on one bus: the worker's part from Lake.Extract,
/// the coordinator's from Lake.Coordinator, the transport from Lake.Hosting.
/// </summary>
internal static class ExtractionHost
{
    /// <summary>
    /// The bus and the extraction consumers of the given roles, over the same code whichever the
    /// transport. The caller registers the workspace's <c>ControlPlaneDataSource</c> and <c>AuditLog</c>
    /// (coordinator) and the extraction services (both: <c>Workspace.AddExtractionServices</c>), and <c>AddLakeTelemetry</c> for the
    /// metrics the consumers record; <paramref name="moreConsumers"/> puts other work (ingest) on the same bus.
    /// </summary>
    public static IHostApplicationBuilder AddLakeExtraction(this IHostApplicationBuilder builder, ExtractionRoles roles,
        Action<IBusRegistrationConfigurator>? moreConsumers = null, bool sweepStalledRequests = false)
    {
        var coordinator = roles.HasFlag(ExtractionRoles.Coordinator);
        var worker = roles.HasFlag(ExtractionRoles.Worker);
        // The worker's timings and the coordinator's records read this clock; tests put a fake one first.
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (worker)
            builder.AddLakeExtractWorker();
        builder.AddLakeMessaging(bus =>
        {
            if (coordinator)
                bus.AddLakeCoordinatorConsumers();
            if (worker)
                bus.AddLakeExtractWorkerConsumers();
            moreConsumers?.Invoke(bus);
        });
        if (coordinator)
            builder.AddLakeCoordinatorMessaging(sweepStalledRequests);
        return builder;
    }
}
