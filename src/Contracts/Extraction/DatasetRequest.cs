namespace Lake.Contracts.Extraction;

/// <summary>
/// One register to deliver for the cohort, optionally limited to a period, to some columns, to rows
/// matching filters and, for patient record texts, to texts with search terms or of some specialties.
/// </summary>
public sealed record DatasetRequest
{
    public required string Register { get; init; }

    /// <summary>Register columns to deliver; empty for all.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public DateOnly? From { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Rows must match every filter.</summary>
    public IReadOnlyList<DatasetFilter> Filters { get; init; } = [];

    /// <summary>
    /// Patient record texts only: a text is delivered when it has a word starting with one of the
    /// terms, in any letter case (diabet matches Diabetes and diabeteksen). Empty for all texts.
    /// </summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>Patient record texts only: specialty tabs to deliver, in any letter case; empty for all.</summary>
    public IReadOnlyList<string> Specialties { get; init; } = [];
}
