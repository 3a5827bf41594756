using Lake.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Telemetry;

/// <summary>
/// Reads the queue depths now and then and hands them to the gauge. A scrape never waits for the
/// broker: the gauge's callback is synchronous and reports the last reading.
/// </summary>
internal sealed class QueueDepthSampler(IServiceProvider services, LakeMetrics metrics, IOptions<TelemetryOptions> options, ILogger<QueueDepthSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probe = services.GetService<IQueueDepthProbe>();
        if (probe is null)
            return; // In-memory bus: no queue to read.

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.QueueDepthIntervalSeconds));
        do
        {
            try
            {
                metrics.QueueDepthsRead(await probe.ReadAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // The broker being away is what the other metrics and the bus will report; the
                // gauge keeps its last reading.
                TelemetryLog.QueueDepthUnreadable(logger, exception.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
