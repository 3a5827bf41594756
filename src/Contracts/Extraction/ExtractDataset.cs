namespace Lake.Contracts.Extraction;

/// <summary>
/// One task of an accepted extraction: write one part of the delivery, the cohort file or one
/// register's files, into the request's unfinished delivery folder. Any worker may take it; a
/// redelivered task finds its files written and writes nothing twice.
/// </summary>
public sealed record ExtractDataset
{
    /// <summary>The part written by the task that lists the cohort itself, one row per patient.</summary>
    public const string Cohort = "cohort";

    public required Guid RequestId { get; init; }

    public required string PermitId { get; init; }

    public required string StudyId { get; init; }

    /// <summary><see cref="Cohort"/> or the register to write; also the stem of the files written.</summary>
    public required string Dataset { get; init; }

    public required StudySpecification Specification { get; init; }

    /// <summary>The lake snapshot the coordinator took: every task of the request reads exactly these ingest batches.</summary>
    public required IReadOnlyList<string> Batches { get; init; }

    /// <summary>The version of each register the tasks read with (the lake keeps a copy of each); empty reads the current ones.</summary>
    public IReadOnlyDictionary<string, int> RegisterVersions { get; init; } = new Dictionary<string, int>();
}
