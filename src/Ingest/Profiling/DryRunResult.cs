namespace Lake.Ingest.Profiling;

/// <summary>What ingesting the first rows of a feed would do, with nothing written.</summary>
public sealed record DryRunResult
{
    /// <summary>The feed column whose identity codes would become the pseudonym; its values are never shown.</summary>
    public required string IdentityColumn { get; init; }

    /// <summary>Register columns the descriptor fills, in register order; <see cref="DryRunRow.Values"/> follow it.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public required IReadOnlyList<DryRunRow> Rows { get; init; }

    public required IReadOnlyList<DryRunRejection> Rejections { get; init; }

    public required IReadOnlyDictionary<string, long> ExcludedByReason { get; init; }

    public required IReadOnlyDictionary<string, long> WarningsByCheck { get; init; }

    public required long RowsRead { get; init; }

    /// <summary>The feed goes on past the rows tried.</summary>
    public required bool MoreRows { get; init; }
}
