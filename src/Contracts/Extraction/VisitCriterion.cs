namespace Lake.Contracts.Extraction;

/// <summary>A visit to one of <see cref="Specialty"/> (matched without regard to case); empty for any visit.</summary>
public sealed record VisitCriterion
{
    public IReadOnlyList<string> Specialty { get; init; } = [];

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
