using Lake.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Lake.Hosting.Telemetry;

/// <summary>
/// Reads queue depths with a passive declare, which reports the ready messages of a queue without
/// creating or changing it. One connection, opened on first use and again after it broke.
/// </summary>
public sealed class RabbitMqQueueDepthProbe(BrokerConnection broker, IReadOnlyList<string> queues) : IQueueDepthProbe, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                    await _connection.DisposeAsync();
                _connection = null;
                var factory = broker.CreateConnectionFactory();
                _connection = await factory.CreateConnectionAsync("lake-queue-depth", cancellationToken);
            }

            var depths = new List<QueueDepth>(queues.Count);
            foreach (var queue in queues)
            {
                // A failed passive declare closes its channel, so each queue gets a channel of its own.
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                    depths.Add(new QueueDepth(queue, declared.MessageCount));
                }
                catch (OperationInterruptedException)
                {
                    // Not declared yet: its consumer has never started. Nothing waits in it.
                }
            }

            return depths;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
