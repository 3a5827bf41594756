using System.Collections.Concurrent;
using Lake.Contracts.Ingest;

namespace Lake.Hosting.Tests;

/// <summary>The FeedIngested and FeedRejected events a test's bus received, with a bounded wait for them.</summary>
internal sealed class FeedOutcomes
{
    private readonly ConcurrentQueue<object> _all = new();
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Only events about feeds whose path starts with this are kept; null keeps all.</summary>
    public string? FeedPathPrefix { get; init; }

    public IReadOnlyList<FeedIngested> Ingested => [.. _all.OfType<FeedIngested>()];

    public IReadOnlyList<FeedRejected> Rejected => [.. _all.OfType<FeedRejected>()];

    public int Count => _all.Count;

    public void Add(string feedPath, object outcome)
    {
        if (FeedPathPrefix is not null && !feedPath.StartsWith(FeedPathPrefix, StringComparison.Ordinal))
            return;
        _all.Enqueue(outcome);
        _arrived.Release();
    }

    /// <summary>Returns once <paramref name="count"/> events in all have arrived; throws when they have not within <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_all.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left, cancellationToken))
                throw new TimeoutException($"{_all.Count} of {count} feed outcomes arrived within {timeout.TotalSeconds:0} s.");
        }
    }
}
