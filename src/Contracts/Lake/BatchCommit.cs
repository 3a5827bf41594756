namespace Lake.Contracts.Lake;

/// <summary>
/// The commit record of one ingested feed: written last, atomically, it is what makes the batch's
/// files part of the lake. Also the data-quality summary of the batch and the lineage an
/// extraction manifest cites.
/// </summary>
public sealed record BatchCommit
{
    public required string BatchId { get; init; }

    public required string SourceSystem { get; init; }

    public required string Register { get; init; }

    public required string FeedName { get; init; }

    /// <summary>SHA-256 of the feed file: the same feed ingested twice is recognised and skipped.</summary>
    public required string FeedSha256 { get; init; }

    /// <summary>
    /// The version of the register the batch was written with (the lake keeps a copy of it, see
    /// <see cref="RegisterVersions"/>); batches committed before registers had versions read as 1.
    /// </summary>
    public int RegisterVersion { get; init; } = 1;

    /// <summary>Register key generation used for this batch's pseudonyms.</summary>
    public required int KeyId { get; init; }

    public required IReadOnlyList<BatchFile> Files { get; init; }

    public required long RowsRead { get; init; }

    public required long RowsWritten { get; init; }

    public required IReadOnlyDictionary<string, long> QuarantinedByReason { get; init; }

    public long RowsQuarantined => QuarantinedByReason.Values.Sum();

    /// <summary>Rows the descriptor's filters kept out of the lake on purpose, by the filter's reason.</summary>
    public IReadOnlyDictionary<string, long> ExcludedByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Rows written but flagged by a warning check, by check name.</summary>
    public IReadOnlyDictionary<string, long> WarningsByCheck { get; init; } = new Dictionary<string, long>();

    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>
    /// The earlier batch of the same feed this one replaces, or null. A FHIR feed ingested again after
    /// the Patients its quarantined rows referred to have arrived is read whole once more; readers of
    /// the lake then skip the batch it supersedes, whose files stay for the replay of old deliveries.
    /// </summary>
    public string? Supersedes { get; init; }

    /// <summary>
    /// Digest of the rows written, as values (<c>xxh3-128:</c>, see ContentDigest in Lake.Ingest): a
    /// feed of the same source and register whose rows have this digest is the same extract sent
    /// again. Null for batches committed before batches carried it.
    /// </summary>
    public string? ContentDigest { get; init; }
}
