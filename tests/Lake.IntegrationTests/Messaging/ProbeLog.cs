using System.Collections.Concurrent;

namespace Lake.IntegrationTests.Messaging;

/// <summary>The <see cref="BrokerProbed"/> events received, by probe id; a test awaits the one it sent.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<BrokerProbed>> _probes = new();

    public void Record(BrokerProbed probed) => Entry(probed.ProbeId).TrySetResult(probed);

    /// <summary>The event for <paramref name="probeId"/>; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<BrokerProbed> WaitForAsync(Guid probeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await Entry(probeId).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {nameof(BrokerProbed)} for probe {probeId} within {timeout.TotalSeconds:0} s");
        }
    }

    // Whichever comes first, the event or the waiter, creates the entry.
    private TaskCompletionSource<BrokerProbed> Entry(Guid probeId) =>
        _probes.GetOrAdd(probeId, _ => new TaskCompletionSource<BrokerProbed>(TaskCreationOptions.RunContinuationsAsynchronously));
}
