namespace Lake.Telemetry.History;

/// <summary>
/// A series at one moment: its running <see cref="Total"/> (a counter's sum, the sum of a histogram's
/// values, a gauge's latest value) and <see cref="Count"/>, the measurements that made it.
/// </summary>
public readonly record struct HistoryPoint(DateTimeOffset At, double Total, long Count);
