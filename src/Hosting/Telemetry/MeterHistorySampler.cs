using Lake.Telemetry.History;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting.Telemetry;

/// <summary>Starts the history's listener with the host and samples it every interval until the host stops.</summary>
internal sealed class MeterHistorySampler(MeterHistory history, TimeProvider time) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the other services start, so that nothing they record is missed.
        history.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(history.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                history.Sample(time.GetUtcNow());
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
