namespace Lake.Portal.Operations;

/// <summary>One line of a chart over time, named by its tag values (source and register, outcome, queue).</summary>
public sealed record ChartLine(string Label, IReadOnlyList<ChartPoint> Points);
