using Lake.Contracts.Lake;

namespace Lake.Ingest;

/// <summary>
/// The committed batch, whether it had been ingested before, and where its quarantined rows are.
/// <paramref name="SameRows"/>: the feed was another file (another encoding, say) holding exactly the rows of <paramref name="Commit"/>.
/// </summary>
public sealed record IngestResult(BatchCommit Commit, bool AlreadyIngested, string? QuarantinePath, bool SameRows = false);
