namespace Lake.Coordinator.Audit;

/// <summary>
/// The result of checking the audit log: how many entries, the chain's head hash, the first entry
/// that does not fit (when one does not), and how the log compares with its published checkpoints.
/// </summary>
public sealed record AuditVerification(AuditFinding Finding, long Entries, string HeadHash, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => Finding == AuditFinding.Intact;

    /// <summary>The Merkle root over the entries read, lower-case hex; empty when the chain broke first.</summary>
    public string RootHash { get; init; } = "";

    /// <summary>The checkpoint of the largest tree size published, if any.</summary>
    public SignedTreeHead? LatestCheckpoint { get; init; }

    /// <summary>Where the checkpoints were read from.</summary>
    public string CheckpointFile { get; init; } = "";
}
