using Lake.Coordinator.ControlPlane;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// Re-drives requests that stopped moving: on start, a request left assembling by a coordinator
/// that died is assembled; then, periodically, a request with no progress for
/// <see cref="CoordinatorOptions.RedriveAfter"/> has its messages published again (its start
/// command, or its tasks not done). Idempotent tasks make a needless re-drive merely wasteful.
/// </summary>
public sealed class RequestSweeper(RequestStore requests, ExtractionPlanStore plans, ExtractionOutcomes outcomes, OutboxDispatcher outbox, IBus bus,
    IOptions<CoordinatorOptions> options, TimeProvider time, ILogger<RequestSweeper> logger)
    : BackgroundService
{
    public async Task SweepAsync(DateTimeOffset stalledBefore, CancellationToken cancellationToken)
    {
        foreach (var stalled in await plans.StalledAsync(stalledBefore, cancellationToken))
        {
            if (stalled.State == RequestState.Assembling)
            {
                await outcomes.DeliverAsync(stalled.RequestId, bus, cancellationToken);
                continue;
            }

            var request = await requests.FindAsync(stalled.RequestId, cancellationToken);
            var redrives = request?.History.Count(e => e.Detail?.StartsWith(ExtractionPlanStore.RedriveDetail, StringComparison.Ordinal) == true) ?? 0;
            if (redrives >= options.Value.MaxRedrives)
            {
                await outcomes.FailAsync(stalled.RequestId,
                    $"no progress after {redrives} re-drives; a task may be crashing its workers (see the workers' logs and the broker's delivery limit)", bus, cancellationToken);
                continue;
            }

            var queued = await plans.RedriveAsync(stalled.RequestId, cancellationToken);
            CoordinatorLog.Redriven(logger, stalled.RequestId, stalled.State.ToString(), stalled.Since, queued);
        }

        outbox.Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only this coordinator assembles, so an assembly it finds unfinished at start was interrupted.
        await RunSafelyAsync(async () =>
        {
            foreach (var assembling in (await plans.StalledAsync(time.GetUtcNow(), stoppingToken)).Where(r => r.State == RequestState.Assembling))
                await RunSafelyAsync(() => outcomes.DeliverAsync(assembling.RequestId, bus, stoppingToken));
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            await RunSafelyAsync(() => SweepAsync(time.GetUtcNow() - options.Value.RedriveAfter, stoppingToken));
            try
            {
                await Task.Delay(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunSafelyAsync(Func<Task> sweep)
    {
        try
        {
            await sweep();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CoordinatorLog.SweepFailed(logger, e);
        }
    }
}
