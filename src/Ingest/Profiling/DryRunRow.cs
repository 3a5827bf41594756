namespace Lake.Ingest.Profiling;

/// <summary>A feed row as it would be written: its line and the mapped values as text, identity codes masked.</summary>
public sealed record DryRunRow(long Line, IReadOnlyList<string> Values);
