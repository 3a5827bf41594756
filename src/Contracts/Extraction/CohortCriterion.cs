namespace Lake.Contracts.Extraction;

/// <summary>
/// One node of a cohort's criterion tree: exactly one member is set. <see cref="All"/>, <see cref="Any"/>
/// and <see cref="Not"/> combine; the others are leaves over one register each (or, for
/// <see cref="IdentityList"/>, over a researcher's list of patients). One record rather than a class
/// hierarchy, so the tree reads the same in YAML, in JSON messages and in the control plane.
/// </summary>
public sealed record CohortCriterion
{
    /// <summary>Every part holds (and); a <see cref="Not"/> part removes patients from the others.</summary>
    public IReadOnlyList<CohortCriterion>? All { get; init; }

    /// <summary>At least one part holds (or).</summary>
    public IReadOnlyList<CohortCriterion>? Any { get; init; }

    /// <summary>The part does not hold; allowed only as a part of <see cref="All"/> beside a positive part.</summary>
    public CohortCriterion? Not { get; init; }

    public DiagnosisCriterion? Diagnosis { get; init; }

    public ProcedureCriterion? Procedure { get; init; }

    public MedicationCriterion? Medication { get; init; }

    public LaboratoryCriterion? Laboratory { get; init; }

    public MeasurementCriterion? Measurement { get; init; }

    public QualityRegistryCriterion? QualityRegistry { get; init; }

    public VisitCriterion? Visit { get; init; }

    public IdentityListCriterion? IdentityList { get; init; }
}
