using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Lake.Telemetry.History;

/// <summary>
/// A bounded history of Lake's own meters in this process, for the portal's operations page when
/// no Prometheus keeps one: a <see cref="MeterListener"/> adds every measurement to its series'
/// running total, and <see cref="Sample"/> (every <see cref="MeterHistoryOptions.IntervalSeconds"/>)
/// appends each total to the series' fixed-size ring. What other processes record (workers,
/// `lake ingest` run on its own) is theirs alone and not seen here.
/// </summary>
public sealed class MeterHistory : IDisposable
{
    private readonly MeterHistoryOptions _options;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, HistorySeries> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();
    private long _dropped;
    // UTC ticks, so that a measurement on another thread never reads half of a sample's moment.
    private long _lastSampleTicks;

    /// <param name="scope">
    /// The <see cref="IMeterFactory"/> whose meters are listened to (a host's own), or null for every
    /// meter named <see cref="LakeMetrics.MeterName"/> in the process.
    /// </param>
    public MeterHistory(MeterHistoryOptions options, DateTimeOffset start, object? scope = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _lastSampleTicks = start.UtcTicks;
        Started = start;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LakeMetrics.MeterName && (scope is null || ReferenceEquals(instrument.Meter.Scope, scope)))
            {
                _instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public TimeSpan Interval => _options.Interval;

    /// <summary>When the history began: nothing before it is known.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>How long the rings reach back once full.</summary>
    public TimeSpan Reach => _options.Interval * _options.PointsKept;

    public int SeriesCount => _series.Count;

    public int MaxSeries => _options.MaxSeries;

    /// <summary>Measurements not kept because they would have started a series beyond <see cref="MaxSeries"/>.</summary>
    public long MeasurementsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Lake's instruments the listener has seen, by name.</summary>
    public IReadOnlyDictionary<string, Instrument> Instruments => _instruments;

    public void Start() => _listener.Start();

    /// <summary>Reads the gauges, then appends every series' running total at <paramref name="at"/>.</summary>
    public void Sample(DateTimeOffset at)
    {
        _listener.RecordObservableInstruments();
        foreach (var series in _series.Values)
            series.Sample(at);
        Interlocked.Exchange(ref _lastSampleTicks, at.UtcTicks);
    }

    /// <summary>The series of one instrument, ordered by their tag values.</summary>
    public IReadOnlyList<HistorySeries> Series(string instrument) =>
        [.. _series.Values.Where(s => s.Instrument == instrument).OrderBy(s => Key(s.Tags), StringComparer.Ordinal)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
            values[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        var key = instrument.Name + "\u001f" + Key(values);
        if (!_series.TryGetValue(key, out var series))
        {
            lock (_creating)
            {
                if (!_series.TryGetValue(key, out series))
                {
                    if (_series.Count >= _options.MaxSeries)
                    {
                        Interlocked.Increment(ref _dropped);
                        return;
                    }

                    series = new HistorySeries(instrument.Name, KindOf(instrument), values, _options.PointsKept, new DateTimeOffset(Interlocked.Read(ref _lastSampleTicks), TimeSpan.Zero));
                    _series[key] = series;
                }
            }
        }

        series.Record(value);
    }

    private static string Key(IEnumerable<KeyValuePair<string, string>> tags) => string.Join("\u001e", tags.Select(t => t.Key + "=" + t.Value));

    private static InstrumentKind KindOf(Instrument instrument) => instrument switch
    {
        Histogram<double> or Histogram<long> or Histogram<int> => InstrumentKind.Histogram,
        ObservableGauge<long> or ObservableGauge<double> or ObservableGauge<int> or Gauge<long> or Gauge<double> => InstrumentKind.Gauge,
        _ => InstrumentKind.Counter,
    };
}
