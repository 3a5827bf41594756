namespace Lake.Contracts.Extraction;

/// <summary>
/// Which patients a study is about. The full form is a criterion tree: <see cref="Include"/> (required)
/// and <see cref="Exclude"/> (optional) over any event register. The shorthand of format version 1,
/// <see cref="Icd10"/> alone, means "include patients with one of these diagnoses" and stays valid.
/// The index date is the first event of the criterion marked as index, or else the first matching
/// event of the inclusion; sex and age at the index date narrow the cohort, and every event read
/// to select it lies within the overall period <see cref="From"/>-<see cref="To"/>.
/// </summary>
public sealed record CohortCriteria
{
    /// <summary>Shorthand: ICD-10 codes or prefixes, in any common spelling (E11, E11.9, e119). Empty when <see cref="Include"/> is used.</summary>
    public IReadOnlyList<string> Icd10 { get; init; } = [];

    /// <summary>Patients meeting this criterion are in the cohort (unless excluded); null when the <see cref="Icd10"/> shorthand is used.</summary>
    public CohortCriterion? Include { get; init; }

    /// <summary>Patients meeting this criterion are left out.</summary>
    public CohortCriterion? Exclude { get; init; }

    public DateOnly? From { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>male or female; null for both.</summary>
    public string? Sex { get; init; }

    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }
}
