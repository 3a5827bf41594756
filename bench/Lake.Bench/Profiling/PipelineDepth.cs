namespace Lake.Bench.Profiling;

/// <summary>How far down FeedIngestor's per-row loop a profiled pass goes; each depth includes the ones before.</summary>
internal enum PipelineDepth
{
    Read = 1,
    Identity = 2,
    Convert = 3,
    Check = 4,
    Write = 5,
}
