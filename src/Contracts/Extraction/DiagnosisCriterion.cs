namespace Lake.Contracts.Extraction;

/// <summary>A diagnosis whose ICD-10 code starts with one of <see cref="Icd10"/>, optionally entered in one of <see cref="Specialty"/>.</summary>
public sealed record DiagnosisCriterion
{
    /// <summary>ICD-10 codes or prefixes, in any common spelling (E11, E11.9, e119).</summary>
    public IReadOnlyList<string> Icd10 { get; init; } = [];

    /// <summary>Specialties of the entering unit, matched without regard to case; empty for any.</summary>
    public IReadOnlyList<string> Specialty { get; init; } = [];

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
