namespace Lake.Contracts.Extraction;

/// <summary>
/// Extract the registers of an accepted request for its study. Sent only after the permit check;
/// carries no identity code, pseudonym or key, only what the worker needs to find the request.
/// </summary>
public sealed record StartExtraction
{
    public required Guid RequestId { get; init; }

    public required string PermitId { get; init; }

    public required string StudyId { get; init; }

    public required StudySpecification Specification { get; init; }

    /// <summary>For a replay: read only these ingest batches, as the original extraction did. Null reads the lake as it is.</summary>
    public IReadOnlyList<string>? Batches { get; init; }

    /// <summary>For a replay: the register versions the original extraction read with. Null reads the current ones.</summary>
    public IReadOnlyDictionary<string, int>? RegisterVersions { get; init; }

    /// <summary>For a replay: the request being reproduced.</summary>
    public Guid? ReplayOf { get; init; }
}
