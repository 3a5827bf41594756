namespace Lake.Ingest.Profiling;

/// <summary>
/// One column of a scanned feed, in the manner of OHDSI WhiteRabbit's scan report. Counts are of
/// the sampled rows. Values are the raw material of a descriptor, so they are shown to the data
/// engineer, but never identity codes: a column of them keeps no values at all.
/// </summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required InferredType Type { get; init; }

    /// <summary>The .NET format every value fits, for dates and time stamps.</summary>
    public string? Format { get; init; }

    /// <summary>"point" or "comma" for decimals, as a descriptor spells it.</summary>
    public string? DecimalSeparator { get; init; }

    /// <summary>Sampled rows that have this column.</summary>
    public required long Values { get; init; }

    /// <summary>Of <see cref="Values"/>, those empty or blank.</summary>
    public required long Empty { get; init; }

    public double EmptyShare => Values == 0 ? 0 : (double)Empty / Values;

    /// <summary>Non-empty values the inferred type or format does not read, e.g. a 31.02. in a date column; ingest would quarantine them.</summary>
    public long NotFitting { get; init; }

    /// <summary>Distinct non-empty values; a lower bound when <see cref="DistinctCapped"/>.</summary>
    public required long Distinct { get; init; }

    public required bool DistinctCapped { get; init; }

    /// <summary>Longest value in characters, after trimming.</summary>
    public required int MaxLength { get; init; }

    /// <summary>Share of the non-empty values that are valid Finnish identity codes.</summary>
    public required double IdentityCodeShare { get; init; }

    /// <summary>The column holds identity codes: none of its values is kept.</summary>
    public required bool ValuesHidden { get; init; }

    /// <summary>Most frequent values, most frequent first; small counts are for the caller to suppress.</summary>
    public required IReadOnlyList<ValueFrequency> TopValues { get; init; }

    /// <summary>Earliest year among date and time stamp values.</summary>
    public int? MinYear { get; init; }

    /// <summary>Latest year among date and time stamp values.</summary>
    public int? MaxYear { get; init; }
}
