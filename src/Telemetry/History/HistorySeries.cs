namespace Lake.Telemetry.History;

/// <summary>
/// One instrument with one set of tag values (e.g. rows ingested from source apotti into register
/// diagnosis): the running total measurements add to, and a ring of the totals at each sample.
/// </summary>
public sealed class HistorySeries
{
    private readonly Lock _gate = new();
    private readonly SampleRing _ring;
    private double _total;
    private long _count;

    internal HistorySeries(string instrument, InstrumentKind kind, IReadOnlyDictionary<string, string> tags, int capacity, DateTimeOffset since)
    {
        Instrument = instrument;
        Kind = kind;
        Tags = tags;
        _ring = new SampleRing(capacity);
        // Starts from zero at the last sample before its first measurement, so that the first
        // interval's increase is shown rather than taken as the baseline. A gauge has no zero.
        if (kind != InstrumentKind.Gauge)
            _ring.Add(new HistoryPoint(since, 0, 0));
    }

    public string Instrument { get; }

    public InstrumentKind Kind { get; }

    /// <summary>Tag keys and values as Lake recorded them: registers, sources, reasons, outcomes, queues.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    public string Tag(string key) => Tags.TryGetValue(key, out var value) ? value : "";

    internal void Record(double value)
    {
        lock (_gate)
        {
            _total = Kind == InstrumentKind.Gauge ? value : _total + value;
            _count++;
        }
    }

    internal void Sample(DateTimeOffset at)
    {
        lock (_gate)
            _ring.Add(new HistoryPoint(at, _total, _count));
    }

    /// <summary>The points kept, oldest first, and the running total at <paramref name="now"/> as the last.</summary>
    public IReadOnlyList<HistoryPoint> Points(DateTimeOffset now)
    {
        lock (_gate)
        {
            var points = _ring.ToList();
            points.Add(new HistoryPoint(now, _total, _count));
            return points;
        }
    }

    /// <summary>The running total now.</summary>
    public double Total
    {
        get
        {
            lock (_gate)
                return _total;
        }
    }
}
