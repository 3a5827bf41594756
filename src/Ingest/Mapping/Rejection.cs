namespace Lake.Ingest.Mapping;

/// <summary>Why a row was not written: a stable reason key for counting, the feed column, and a message a person can act on.</summary>
public sealed record Rejection(string Reason, string? Column, string Message);
