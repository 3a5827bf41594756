namespace Lake.Extract.ControlPlane;

/// <summary>
/// An approved research or data access permit: which study, which registers and period it covers,
/// until when, and the research group members who may request and receive its data.
/// </summary>
public sealed record Permit
{
    public required string Id { get; init; }

    /// <summary>Study pseudonyms are keyed by study: every request under this study gets the same ones.</summary>
    public required string StudyId { get; init; }

    public string Title { get; init; } = "";

    public required IReadOnlyList<string> Registers { get; init; }

    public DateOnly? PeriodFrom { get; init; }

    public DateOnly? PeriodTo { get; init; }

    /// <summary>Last day the permit is valid.</summary>
    public required DateOnly Expires { get; init; }

    public required IReadOnlyList<string> Members { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
