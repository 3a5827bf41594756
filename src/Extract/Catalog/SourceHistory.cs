namespace Lake.Extract.Catalog;

/// <summary>
/// What one source system has sent the lake: its batches, newest first, and whether its feeds need
/// a data engineer. The counts are exact: this is the data service's own view, not one shown
/// without a permit, and a quarantined row is a feed's fault, not a patient.
/// </summary>
public sealed record SourceHistory
{
    public required string System { get; init; }

    /// <summary>The folder-safe name the lake files the system under, and the portal's address names it by.</summary>
    public required string Slug { get; init; }

    public required IReadOnlyList<IngestedBatch> Batches { get; init; }

    /// <summary>The latest batch of one of the system's registers quarantined rows.</summary>
    public bool NeedsAttention => Latest.Any(b => b.Commit.RowsQuarantined > 0);

    /// <summary>The newest batch of each register the system feeds.</summary>
    public IEnumerable<IngestedBatch> Latest => Batches.GroupBy(b => b.Commit.Register, StringComparer.Ordinal).Select(g => g.First());

    public DateTimeOffset LastCommitted => Batches[0].Commit.CommittedAt;

    public long RowsWritten => Batches.Where(b => !b.Superseded).Sum(b => b.Commit.RowsWritten);

    public long RowsQuarantined => Batches.Where(b => !b.Superseded).Sum(b => b.Commit.RowsQuarantined);

    /// <summary>Quarantined rows of the batches in the lake (superseded ones aside), by reason, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> QuarantinedByReason =>
    [
        .. Batches.Where(b => !b.Superseded).SelectMany(b => b.Commit.QuarantinedByReason)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Value)))
            .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal),
    ];
}
