namespace Lake.Telemetry;

/// <summary>Reads how many messages wait in the broker's queues; the in-memory bus has none to read.</summary>
public interface IQueueDepthProbe
{
    Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken);
}
