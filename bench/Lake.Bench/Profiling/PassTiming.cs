namespace Lake.Bench.Profiling;

/// <summary>
/// One pass over the feed to a given depth. CPU time is the whole process's (reading thread,
/// background writer, GC); blocked is the reading thread waiting for the writer's queue; drain is
/// the time from the last row read to the last file closed. GC figures are for this pass alone.
/// </summary>
internal sealed record PassTiming(
    string Name,
    PipelineDepth Depth,
    long Rows,
    long Rejected,
    double Seconds,
    double CpuSeconds,
    double BlockedSeconds,
    double DrainSeconds,
    long AllocatedBytes,
    double GcPauseSeconds,
    int Gen2Collections);
