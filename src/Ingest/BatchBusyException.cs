namespace Lake.Ingest;

/// <summary>
/// The batch is being ingested by another process right now. Unlike a bad feed this passes: a
/// worker retries later and then finds the batch committed, so the feed is never reported rejected.
/// </summary>
public sealed class BatchBusyException(string batchId)
    : IOException($"Batch {batchId} is being ingested by another process right now; wait for it to finish (the second run would then do nothing).");
