namespace Lake.Portal.Operations;

/// <summary>One interval of a line: its end and its value (rows in it, a mean, a share, a depth).</summary>
public readonly record struct ChartPoint(DateTimeOffset At, double Value);
