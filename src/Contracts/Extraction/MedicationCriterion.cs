namespace Lake.Contracts.Extraction;

/// <summary>A medication entry (prescription, dispensation, course or order) whose ATC code starts with one of <see cref="Atc"/>.</summary>
public sealed record MedicationCriterion
{
    /// <summary>ATC codes or prefixes at any level: A10, A10B, A10BA02.</summary>
    public IReadOnlyList<string> Atc { get; init; } = [];

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
