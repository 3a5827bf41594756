namespace Lake.Bench.Profiling;

/// <summary>What writing the same converted rows to Parquet costs under one setting.</summary>
internal sealed record WriteCost(string Setting, double Seconds, double NanosecondsPerRow, long Bytes);
