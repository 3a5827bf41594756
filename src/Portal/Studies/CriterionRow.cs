namespace Lake.Portal.Studies;

/// <summary>
/// One criterion of the form as the person filled it in, text as typed: a kind (a register to look
/// in), how it combines with the others (<see cref="StudyForm.Roles"/>), codes, and when its events must lie.
/// </summary>
public sealed class CriterionRow
{
    /// <summary>diagnosis, procedure, medication, laboratory, quality_registry or visit; empty for a row not used.</summary>
    public string Kind { get; set; } = "";

    /// <summary>all (must hold), any (one of the "any" rows must hold) or not (must not hold).</summary>
    public string Role { get; set; } = StudyForm.AllRole;

    /// <summary>Codes, test numbers or registry names, separated by commas or spaces.</summary>
    public string Codes { get; set; } = "";

    /// <summary>Diagnoses and visits: specialties, separated by commas.</summary>
    public string Specialty { get; set; } = "";

    /// <summary>Laboratory: the lowest result that matches.</summary>
    public string Min { get; set; } = "";

    public string Max { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string DaysBefore { get; set; } = "";

    public string DaysAfter { get; set; } = "";

    public bool Index { get; set; }

    public bool IsUsed => Kind.Length > 0;
}
