namespace Lake.Contracts.Extraction;

/// <summary>One file a task wrote: its name in the delivery folder, register, rows, size and SHA-256.</summary>
public sealed record ExtractedFile
{
    public required string Name { get; init; }

    public required string Register { get; init; }

    public required long Rows { get; init; }

    public required long Bytes { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>Identifiers the scrubber took out of the file's free text, by kind; counts only, never text.</summary>
    public IReadOnlyDictionary<string, long>? Redactions { get; init; }

    /// <summary>For a register's file: the register version it was read with.</summary>
    public int? RegisterVersion { get; init; }

    /// <summary>For the cohort file: how many members were delivered with their consented identity code.</summary>
    public int? IdentityCodesReleased { get; init; }

    /// <summary>The file's columns in order, each as name and DuckDB type: the manifest and the delivery's datapackage.json list them.</summary>
    public IReadOnlyList<ExtractedColumn> Columns { get; init; } = [];
}
