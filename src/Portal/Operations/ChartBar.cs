namespace Lake.Portal.Operations;

/// <summary>One bar: a total since the server started for one source and register, reason or outcome.</summary>
public readonly record struct ChartBar(string Label, double Value);
