using Lake.Telemetry;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>A queue-depth probe that reads the same depths every time, standing in for a broker.</summary>
internal sealed class FixedQueueDepths(params QueueDepth[] depths) : IQueueDepthProbe
{
    public Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QueueDepth>>(depths);
}
