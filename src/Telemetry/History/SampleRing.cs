namespace Lake.Telemetry.History;

/// <summary>
/// A fixed number of points, oldest first; adding to a full ring overwrites the oldest. Its size
/// never changes, so a series costs the same after a week as after an hour. Not thread-safe: its
/// <see cref="HistorySeries"/> locks around it.
/// </summary>
public sealed class SampleRing
{
    private readonly HistoryPoint[] _points;
    private int _next;

    public SampleRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _points = new HistoryPoint[capacity];
    }

    public int Capacity => _points.Length;

    public int Count { get; private set; }

    public void Add(HistoryPoint point)
    {
        _points[_next] = point;
        _next = (_next + 1) % _points.Length;
        if (Count < _points.Length)
            Count++;
    }

    /// <summary>The points kept, oldest first.</summary>
    public List<HistoryPoint> ToList()
    {
        var list = new List<HistoryPoint>(Count);
        var first = Count < _points.Length ? 0 : _next;
        for (var i = 0; i < Count; i++)
            list.Add(_points[(first + i) % _points.Length]);
        return list;
    }
}
