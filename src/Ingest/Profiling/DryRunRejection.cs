namespace Lake.Ingest.Profiling;

/// <summary>A feed row that would be quarantined: its line, the reason key, the feed column and a message with identity codes masked.</summary>
public sealed record DryRunRejection(long Line, string Reason, string? Column, string Message);
