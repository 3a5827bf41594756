namespace Lake.Ingest.Profiling;

/// <summary>A value of a scanned column and how many sampled rows hold it; identity codes in it are masked.</summary>
public sealed record ValueFrequency(string Value, long Count);
