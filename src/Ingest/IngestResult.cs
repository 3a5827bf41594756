using Lake.Contracts.Lake;

namespace Lake.Ingest;

/// <summary>The committed batch, whether it had been ingested before, and where its quarantined rows are.</summary>
public sealed record IngestResult(BatchCommit Commit, bool AlreadyIngested, string? QuarantinePath);
