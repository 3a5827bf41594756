namespace Lake.Contracts.Extraction;

/// <summary>
/// A worker's answer to <see cref="CountPreliminaryStudy"/>: the report with disclosure control
/// applied, the true counts (for the coordinator's audit log only), and for every count shown the
/// ledger tokens of the persons it counts. Tokens are keyed hashes under a study key of the ledger's
/// own, unlinkable to any delivery or register; no lake identity leaves the worker.
/// </summary>
public sealed record PreliminaryStudyCounted
{
    /// <summary>The report in the coordinator API's JSON shape.</summary>
    public required string Report { get; init; }

    public required IReadOnlyDictionary<string, long> TrueCounts { get; init; }

    /// <summary>Per shown count, its persons' 64-bit tokens packed little-endian and base64-encoded (a tenth of a JSON number list).</summary>
    public required IReadOnlyDictionary<string, string> CellTokens { get; init; }
}
