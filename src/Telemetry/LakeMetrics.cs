using System.Diagnostics.Metrics;
using Lake.Contracts.Lake;

namespace Lake.Telemetry;

/// <summary>
/// Lake's meter and its instruments: what ingest and extraction did, how long it took and how much
/// waits. Tags name registers, source systems, reasons, outcomes and queues only; nothing derived
/// from a patient ever becomes a tag, since every tag value is a time series anyone with the
/// dashboard can list.
/// </summary>
public sealed class LakeMetrics
{
    public const string MeterName = "Lake";

    // Extractions run from seconds to hours; the default buckets stop at 10 s.
    private static readonly double[] DurationBuckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

    private readonly Counter<long> _feeds;
    private readonly Counter<long> _rowsIngested;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _rowsQuarantined;
    private readonly Counter<long> _tasksStarted;
    private readonly Counter<long> _tasksCompleted;
    private readonly Counter<long> _tasksFailed;
    private readonly Histogram<double> _taskDuration;
    private readonly Histogram<double> _requestLatency;
    private volatile IReadOnlyList<QueueDepth> _queueDepths = [];

    public LakeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _feeds = meter.CreateCounter<long>(InstrumentNames.Feeds, "{feed}", "Feeds ingest has handled, by outcome: committed, already_ingested or rejected.");
        _rowsIngested = meter.CreateCounter<long>(InstrumentNames.RowsIngested, "{row}", "Rows written into the lake, by source system and register.");
        _bytesWritten = meter.CreateCounter<long>(InstrumentNames.BytesWritten, "By", "Parquet bytes written into the lake, by source system and register.");
        _rowsQuarantined = meter.CreateCounter<long>(InstrumentNames.RowsQuarantined, "{row}", "Rows kept out of the lake by a fatal check, by reason.");
        _tasksStarted = meter.CreateCounter<long>(InstrumentNames.TasksStarted, "{task}", "Extraction tasks a worker has started.");
        _tasksCompleted = meter.CreateCounter<long>(InstrumentNames.TasksCompleted, "{task}", "Extraction tasks that wrote their files.");
        _tasksFailed = meter.CreateCounter<long>(InstrumentNames.TasksFailed, "{task}", "Extraction tasks that stopped with an error.");
        _taskDuration = meter.CreateHistogram(InstrumentNames.TaskDuration, "s", "Time one extraction task ran, by outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _requestLatency = meter.CreateHistogram(InstrumentNames.RequestLatency, "s", "Time from a request's submission to its delivery, refusal or failure.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge(InstrumentNames.QueueDepth, ObserveQueueDepths, "{message}", "Messages waiting in a queue of the broker.");
    }

    /// <summary>A batch was committed: its rows, bytes and quarantined rows. Read from the commit record, once per batch.</summary>
    public void BatchCommitted(LakeLayout layout, BatchCommit commit)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(commit);
        var source = LakeLayout.SourceSlug(commit.SourceSystem);
        _feeds.Add(1, Tag.Source(source), Tag.Register(commit.Register), Tag.Outcome(Outcomes.Committed));
        _rowsIngested.Add(commit.RowsWritten, Tag.Source(source), Tag.Register(commit.Register));
        _bytesWritten.Add(commit.Files.Sum(f => SizeOf(Path.Combine(layout.Root, f.Path))), Tag.Source(source), Tag.Register(commit.Register));
        foreach (var (reason, rows) in commit.QuarantinedByReason)
            _rowsQuarantined.Add(rows, Tag.Source(source), Tag.Register(commit.Register), Tag.Reason(reason));
    }

    /// <summary>A feed whose batch was already in the lake: nothing was written.</summary>
    public void BatchAlreadyIngested(BatchCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        _feeds.Add(1, Tag.Source(LakeLayout.SourceSlug(commit.SourceSystem)), Tag.Register(commit.Register), Tag.Outcome(Outcomes.AlreadyIngested));
    }

    /// <summary>A feed refused before any row was written (no such file, unknown descriptor, ...).</summary>
    public void FeedRejected() => _feeds.Add(1, Tag.Outcome(Outcomes.Rejected));

    public void ExtractionTaskStarted(string register)
    {
        _tasksStarted.Add(1, Tag.Register(register));
        // The outcome series exist from the first task on, at zero, so that a dashboard's rate()
        // and an alert on failures see a value before the first failure instead of no data.
        _tasksCompleted.Add(0, Tag.Register(register));
        _tasksFailed.Add(0, Tag.Register(register));
    }

    public void ExtractionTaskCompleted(string register, TimeSpan duration)
    {
        _tasksCompleted.Add(1, Tag.Register(register));
        _taskDuration.Record(duration.TotalSeconds, Tag.Register(register), Tag.Outcome(Outcomes.Completed));
    }

    public void ExtractionTaskFailed(string register, TimeSpan duration)
    {
        _tasksFailed.Add(1, Tag.Register(register));
        _taskDuration.Record(duration.TotalSeconds, Tag.Register(register), Tag.Outcome(Outcomes.Failed));
    }

    /// <summary>A request reached its end (delivered, refused or failed), <paramref name="latency"/> after it was submitted.</summary>
    public void RequestFinished(string outcome, TimeSpan latency) =>
        _requestLatency.Record(Math.Max(0, latency.TotalSeconds), Tag.Outcome(outcome));

    /// <summary>The latest depths a queue probe read; the gauge reports them until the next reading.</summary>
    public void QueueDepthsRead(IReadOnlyList<QueueDepth> depths) => _queueDepths = depths;

    private IEnumerable<Measurement<long>> ObserveQueueDepths() =>
        _queueDepths.Select(d => new Measurement<long>(d.Messages, Tag.Queue(d.Queue)));

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
