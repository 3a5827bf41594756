using System.Collections.Concurrent;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Requests;
using Lake.Hosting;
using Lake.Hosting.Telemetry;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Cli;

/// <summary>
/// The single-process mode of a data request: a host with the bus (in-memory unless configured
/// otherwise) and both the coordinator's and the worker's consumers, the request submitted through
/// it, and a wait for its outcome event (delivered or failed) or its refusal. `lake serve` and `lake worker`
/// run the very same consumers in separate processes.
/// </summary>
internal static class RequestRunner
{
    private static bool IsFinished(RequestRecord record) => record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed;

    private static Task Finished(ConcurrentDictionary<Guid, TaskCompletionSource> outcomes, Guid requestId)
    {
        // An outcome can arrive between submitting and registering the waiter: the store check covers that.
        if (outcomes.TryGetValue(requestId, out var finished))
            finished.TrySetResult();
        return Task.CompletedTask;
    }

    public static Task<(SubmitOutcome Outcome, RequestRecord Record)> SubmitAndWaitAsync(
        Workspace workspace, StudySpecification specification, string permitId, string user, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAndWaitAsync(workspace, service => service.SubmitAsync(specification, permitId, user, cancellationToken), timeout, cancellationToken);

    public static Task<(SubmitOutcome Outcome, RequestRecord Record)> ReplayAndWaitAsync(
        Workspace workspace, Guid original, string user, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAndWaitAsync(workspace, service => service.ReplayAsync(original, user, cancellationToken), timeout, cancellationToken);

    /// <summary>The services every extraction host shares: the workspace's control plane, audit log and extraction services.</summary>
    public static void AddWorkspaceServices(IHostApplicationBuilder builder, Workspace workspace)
    {
        builder.Services.AddSingleton(workspace.ControlPlane);
        builder.Services.TryAddSingleton(workspace.Time);
        builder.Services.AddControlPlaneStores();
        builder.Services.AddSingleton(services => workspace.OpenAuditLog(services.GetRequiredService<ILogger<AuditLog>>()));
        // The portal's permit pages change permits through the lifecycle `lake permit` uses, over the same stores and log.
        builder.Services.AddSingleton(services => new Coordinator.Permits.PermitLifecycle(services.GetRequiredService<PermitStore>(), services.GetRequiredService<AuditLog>(),
            workspace.Keys, workspace.Deliveries, services.GetRequiredService<TimeProvider>()));
        workspace.AddExtractionServices(builder.Services);
    }

    private static async Task<(SubmitOutcome Outcome, RequestRecord Record)> RunAndWaitAsync(
        Workspace workspace, Func<RequestService, Task<SubmitOutcome>> start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var requests = workspace.OpenRequests();
        // Expired permits lose their deliveries before anything new is served.
        await workspace.CreatePermitLifecycle().CloseExpiredAsync("lake", DateOnly.FromDateTime(workspace.Time.GetUtcNow().UtcDateTime), cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        CommandHosts.Prepare(builder, workspace.DataFolder);
        // The console belongs to the command's own output; the host's chatter is for services.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Warnings on stderr: stdout carries the command's result, which --json makes a document.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        AddWorkspaceServices(builder, workspace);
        builder.AddLakeTelemetry("lake-request");
        builder.AddLakeExtraction(ExtractionRoles.SingleProcess);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            // Listen for the request's outcome before it is submitted, so the event cannot be missed.
            var outcomes = new ConcurrentDictionary<Guid, TaskCompletionSource>();
            var bus = host.Services.GetRequiredService<IBus>();
            var listener = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), DefaultEndpointNameFormatter.Instance, endpoint =>
            {
                endpoint.Handler<ExtractionDelivered>(context => Finished(outcomes, context.Message.RequestId));
                endpoint.Handler<ExtractionFailed>(context => Finished(outcomes, context.Message.RequestId));
            });
            await listener.Ready;
            try
            {
                var service = host.Services.GetRequiredService<RequestService>();
                var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                SubmitOutcome outcome;
                using (LakeActivitySource.StartRequestSubmit())
                {
                    outcome = await start(service);
                    outcomes[outcome.RequestId] = finished;
                }

                // Refused at once, or finished before the wait began: the store already says so.
                if (!IsFinished((await requests.FindAsync(outcome.RequestId, cancellationToken))!))
                {
                    try
                    {
                        await finished.Task.WaitAsync(timeout, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        var now = (await requests.FindAsync(outcome.RequestId, CancellationToken.None))!;
                        if (!IsFinished(now))
                            throw new TimeoutException($"Request {outcome.RequestId} is still {now.State} after {timeout.TotalSeconds:0} s; see 'lake request status {outcome.RequestId}'.");
                    }
                }

                return (outcome, (await requests.FindAsync(outcome.RequestId, cancellationToken))!);
            }
            finally
            {
                await listener.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
