namespace Lake.Coordinator.Audit;

/// <summary>The result of checking the hash chain: how many entries, the head hash, and the first entry that does not fit.</summary>
public sealed record AuditVerification(long Entries, string HeadHash, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => FirstBrokenSequence is null;
}
