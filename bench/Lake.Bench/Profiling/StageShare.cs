namespace Lake.Bench.Profiling;

/// <summary>
/// One line of the breakdown, as the difference between passes of neighbouring depths: wall time on
/// the reading thread (the critical path) and, where it can be separated, CPU time on all threads.
/// </summary>
internal sealed record StageShare(string Stage, double Seconds, double NanosecondsPerRow, double Share, double? CpuSeconds, double AllocatedBytesPerRow, double GcPauseSeconds);
