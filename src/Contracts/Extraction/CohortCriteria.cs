namespace Lake.Contracts.Extraction;

/// <summary>
/// Patients with at least one diagnosis whose ICD-10 code starts with one of <see cref="Icd10"/>,
/// recorded within the period; the first such diagnosis is the index date. Optional filters on sex
/// and age at the index date narrow the cohort.
/// </summary>
public sealed record CohortCriteria
{
    /// <summary>ICD-10 codes or prefixes, in any common spelling (E11, E11.9, e119).</summary>
    public IReadOnlyList<string> Icd10 { get; init; } = [];

    public DateOnly? From { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>male or female; null for both.</summary>
    public string? Sex { get; init; }

    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }
}
