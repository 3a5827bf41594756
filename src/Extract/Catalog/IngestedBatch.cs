using Lake.Contracts.Lake;

namespace Lake.Extract.Catalog;

/// <summary>One committed batch of a source system as its ingest history shows it.</summary>
public sealed record IngestedBatch
{
    public required BatchCommit Commit { get; init; }

    /// <summary>A later batch of the same feed replaces it; readers of the lake skip it.</summary>
    public required bool Superseded { get; init; }

    /// <summary>Its quarantined rows by reason with their line numbers; empty unless asked for (<see cref="IngestHistory.Of"/>).</summary>
    public IReadOnlyList<QuarantinedLines> Quarantine { get; init; } = [];
}
