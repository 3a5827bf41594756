using Lake.Contracts.Extraction;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Requests;
using Lake.Hosting;
using Lake.Hosting.Telemetry;
using Lake.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Cli;

/// <summary>
/// The single-process mode of a data request: a host with the bus (in-memory unless configured
/// otherwise) and both the coordinator's and the worker's consumers, the request submitted through
/// it, and a wait until the request is delivered, refused or failed. `lake serve` and `lake worker`
/// run the very same consumers in separate processes.
/// </summary>
internal static class RequestRunner
{
    public static Task<(SubmitOutcome Outcome, RequestRecord Record)> SubmitAndWaitAsync(
        Workspace workspace, StudySpecification specification, string permitId, string user, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAndWaitAsync(workspace, service => service.Submit(specification, permitId, user), timeout, cancellationToken);

    public static Task<(SubmitOutcome Outcome, RequestRecord Record)> ReplayAndWaitAsync(
        Workspace workspace, Guid original, string user, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAndWaitAsync(workspace, service => service.Replay(original, user), timeout, cancellationToken);

    /// <summary>The services every extraction host shares: the workspace's control plane, audit log and runner.</summary>
    public static void AddWorkspaceServices(IHostApplicationBuilder builder, Workspace workspace, ControlPlaneStore store)
    {
        builder.Services.AddSingleton(workspace.ControlPlane);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(workspace.OpenAuditLog());
        builder.Services.AddSingleton(workspace.CreateExtractionRunner());
    }

    private static async Task<(SubmitOutcome Outcome, RequestRecord Record)> RunAndWaitAsync(
        Workspace workspace, Func<RequestService, SubmitOutcome> start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var store = workspace.OpenControlPlane();
        // Expired permits lose their deliveries before anything new is served.
        workspace.CreatePermitLifecycle().CloseExpired("lake", DateOnly.FromDateTime(store.Now.UtcDateTime));
        var builder = Host.CreateApplicationBuilder();
        // The console belongs to the command's own output; the host's chatter is for services.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        AddWorkspaceServices(builder, workspace, store);
        builder.AddLakeTelemetry("lake-request");
        builder.AddLakeExtraction(ExtractionRoles.SingleProcess);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var service = new RequestService(store, host.Services.GetRequiredService<AuditLog>(), host.Services.GetRequiredService<OutboxDispatcher>());
            SubmitOutcome outcome;
            using (LakeActivitySource.StartRequestSubmit())
                outcome = start(service);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var record = store.FindRequest(outcome.RequestId)!;
                if (record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed)
                    return (outcome, record);
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Request {outcome.RequestId} is still {record.State} after {timeout.TotalSeconds:0} s; see 'lake request status {outcome.RequestId}'.");
                await Task.Delay(50, cancellationToken);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
