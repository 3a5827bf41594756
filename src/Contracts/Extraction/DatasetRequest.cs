namespace Lake.Contracts.Extraction;

/// <summary>One register to deliver for the cohort, optionally limited to a period and to some columns.</summary>
public sealed record DatasetRequest
{
    public required string Register { get; init; }

    /// <summary>Register columns to deliver; empty for all.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public DateOnly? From { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? To { get; init; }
}
