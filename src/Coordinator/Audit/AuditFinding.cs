namespace Lake.Coordinator.Audit;

/// <summary>What <see cref="AuditLog.Verify"/> found; each failure has its own exit code in <c>lake audit verify</c>.</summary>
public enum AuditFinding
{
    /// <summary>Every entry chained and sealed, and the log consistent with every published checkpoint.</summary>
    Intact,

    /// <summary>An entry was changed without recomputing the chain, or removed from the middle, or entries reordered.</summary>
    ChainBroken,

    /// <summary>The chain holds, but an entry carries no valid seal: written or rewritten by someone without the key ring.</summary>
    Rewritten,

    /// <summary>A checkpoint was published for more entries than the log has: entries deleted from the end.</summary>
    Truncated,

    /// <summary>The log's first entries do not have the root a checkpoint published for them: an older copy restored and written to, or a rebuilt log.</summary>
    Forked,

    /// <summary>The log has entries but no checkpoint of it was found: the checkpoint file is missing or another one is configured.</summary>
    Unanchored,

    /// <summary>A line of the checkpoint file is not a checkpoint signed with this key ring.</summary>
    CheckpointForged,
}
