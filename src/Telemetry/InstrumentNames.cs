namespace Lake.Telemetry;

/// <summary>
/// Names of Lake's instruments. Prometheus shows them with dots as underscores, the unit appended
/// and <c>_total</c> on counters (<c>lake.ingest.rows</c> is <c>lake_ingest_rows_total</c>); the
/// dashboard in deploy/ is built on those names.
/// </summary>
public static class InstrumentNames
{
    public const string Feeds = "lake.ingest.feeds";
    public const string RowsIngested = "lake.ingest.rows";
    public const string BytesWritten = "lake.ingest.written";
    public const string RowsQuarantined = "lake.ingest.quarantined";
    public const string TasksStarted = "lake.extraction.tasks.started";
    public const string TasksCompleted = "lake.extraction.tasks.completed";
    public const string TasksFailed = "lake.extraction.tasks.failed";
    public const string TaskDuration = "lake.extraction.task.duration";
    public const string RequestLatency = "lake.request.latency";
    public const string QueueDepth = "lake.queue.depth";
}
