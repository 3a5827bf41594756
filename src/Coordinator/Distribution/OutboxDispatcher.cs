using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// Publishes the messages the control plane queued with its state changes, then marks them sent.
/// A crash between recording and publishing leaves them queued, and they go out on the next start:
/// the outbox that MassTransit's database outboxes provide, on the control plane's SQLite.
/// A message published twice (a crash after publishing, before marking) is safe because every
/// consumer is idempotent.
/// </summary>
public sealed class OutboxDispatcher(OutboxStore store, IBus bus, IOptions<CoordinatorOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Publishes soon rather than at the next poll; for a caller that has just queued something.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    /// <summary>Publishes everything queued now; returns how many messages went out.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var pending = await store.PendingAsync(BatchSize, cancellationToken);
            foreach (var message in pending)
            {
                var type = typeof(StartExtraction).Assembly.GetType(message.MessageType)
                    ?? throw new InvalidDataException($"Outbox message {message.Sequence} has type {message.MessageType}, which this version of Lake does not know.");
                var body = JsonSerializer.Deserialize(message.Body, type, LakeJson.Options)!;
                // Publish returns once the broker has confirmed the message (publisher confirms).
                using (LakeActivitySource.StartOutboxPublish(message.TraceParent))
                    await bus.Publish(body, type, cancellationToken);
                await store.MarkSentAsync(message.Sequence, cancellationToken);
                sent++;
            }

            if (pending.Count < BatchSize)
                return sent;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CoordinatorLog.PublishFailed(logger, await OldestPendingAsync(stoppingToken), e.InnerException?.Message ?? e.Message);
            }

            try
            {
                await _wake.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The message that failed to go out, for the log; 0 when even the store cannot be read.</summary>
    private async Task<long> OldestPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await store.PendingAsync(1, cancellationToken)).FirstOrDefault()?.Sequence ?? 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return 0;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
