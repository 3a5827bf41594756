using System.Collections.Concurrent;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// The cohorts of the last few requests a process extracted for, in memory only. Every task of a
/// request selects the same members from the same batches, so a process that runs several tasks of
/// one request (the single process runs them all) selects the cohort once instead of once a task.
/// </summary>
internal sealed class RecentCohorts
{
    private const int Capacity = 8;

    private readonly ConcurrentDictionary<Guid, IReadOnlyList<CohortMember>> _cohorts = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public IReadOnlyList<CohortMember> GetOrSelect(Guid requestId, Func<IReadOnlyList<CohortMember>> select)
    {
        if (_cohorts.TryGetValue(requestId, out var members))
            return members;

        members = select();
        if (_cohorts.TryAdd(requestId, members))
        {
            _order.Enqueue(requestId);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
                _cohorts.TryRemove(oldest, out _);
        }

        return members;
    }
}
