using Lake.Telemetry.History;

namespace Lake.Portal.Operations;

/// <summary>
/// The operations page's lines and bars, read from the in-process <see cref="MeterHistory"/> at one
/// moment: increases of counters per interval, means of histograms, shares, gauges' latest values
/// and totals since the server started. Series with the same label add up (feeds of every source
/// by outcome, say). Labels are tag values only: sources, registers, reasons, outcomes, queues.
/// </summary>
public sealed class OperationsCharts(MeterHistory history, DateTimeOffset now)
{
    public TimeWindow Window { get; } = TimeWindow.Of(history.Started, now, history.Interval, history.Reach);

    /// <summary>How much a counter grew in each interval, a line per label.</summary>
    public IReadOnlyList<ChartLine> Increases(string instrument, Func<HistorySeries, string> label) =>
        Lines(instrument, label, (totals, _, seen) => seen ? totals : null);

    /// <summary>A histogram's mean per interval (its sum's increase over its count's), where it has measurements.</summary>
    public IReadOnlyList<ChartLine> Means(string instrument, Func<HistorySeries, string> label) =>
        Lines(instrument, label, (totals, counts, _) => counts > 0 ? totals / counts : null);

    /// <summary>
    /// The share of <paramref name="part"/> in <paramref name="part"/> and <paramref name="rest"/>
    /// together per interval, over every series of both: the quarantined rows of all rows read.
    /// </summary>
    public ChartLine Share(string part, string rest, string label)
    {
        var parts = Sum(history.Series(part));
        var rests = Sum(history.Series(rest));
        var points = new List<ChartPoint>();
        for (var bucket = 0; bucket < Window.Buckets; bucket++)
        {
            var whole = parts.Totals[bucket] + rests.Totals[bucket];
            if (whole > 0)
                points.Add(new ChartPoint(Window.EndOf(bucket), parts.Totals[bucket] / whole));
        }

        return new ChartLine(label, points);
    }

    /// <summary>A gauge's last reading in each interval, a line per label.</summary>
    public IReadOnlyList<ChartLine> Latest(string instrument, Func<HistorySeries, string> label) =>
        [.. history.Series(instrument).GroupBy(label).Select(group =>
        {
            var last = new double?[Window.Buckets];
            foreach (var series in group)
                foreach (var point in series.Points(Window.To).Where(p => p.At >= Window.From && p.Count > 0))
                    last[Window.BucketOf(point.At)] = (last[Window.BucketOf(point.At)] ?? 0) + point.Total;
            return new ChartLine(group.Key, Points(last));
        })];

    /// <summary>A counter's total since the server started, a bar per label.</summary>
    public IReadOnlyList<ChartBar> Totals(string instrument, Func<HistorySeries, string> label) =>
        [.. history.Series(instrument).GroupBy(label).Select(g => new ChartBar(g.Key, g.Sum(s => s.Total)))];

    private List<ChartLine> Lines(string instrument, Func<HistorySeries, string> label, Func<double, long, bool, double?> value) =>
        [.. history.Series(instrument).GroupBy(label).Select(group =>
        {
            var sum = Sum(group);
            var values = new double?[Window.Buckets];
            for (var bucket = 0; bucket < Window.Buckets; bucket++)
                values[bucket] = value(sum.Totals[bucket], sum.Counts[bucket], sum.Seen[bucket]);
            return new ChartLine(group.Key, Points(values));
        })];

    private List<ChartPoint> Points(double?[] values) =>
        [.. values.Select((v, bucket) => (v, bucket)).Where(x => x.v is not null).Select(x => new ChartPoint(Window.EndOf(x.bucket), x.v!.Value))];

    /// <summary>The increases of accumulating series in each interval of the window, added up.</summary>
    private Increase Sum(IEnumerable<HistorySeries> series)
    {
        var sum = new Increase(new double[Window.Buckets], new long[Window.Buckets], new bool[Window.Buckets]);
        foreach (var one in series)
        {
            var points = one.Points(Window.To);
            for (var i = 1; i < points.Count; i++)
            {
                if (points[i].At < Window.From)
                    continue;
                var bucket = Window.BucketOf(points[i].At);
                sum.Totals[bucket] += points[i].Total - points[i - 1].Total;
                sum.Counts[bucket] += points[i].Count - points[i - 1].Count;
                sum.Seen[bucket] = true;
            }
        }

        return sum;
    }

    private sealed record Increase(double[] Totals, long[] Counts, bool[] Seen);
}
