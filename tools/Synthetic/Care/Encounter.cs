namespace Lake.Synthetic.Care;

/// <summary>
/// One contact of a patient with the hospital: the visit and what it brings on, in whichever
/// systems were in use at the time. Secondary diagnoses are entered minutes after the primary.
/// </summary>
internal sealed class Encounter
{
    public required int Person { get; init; }

    public required DateTime Time { get; init; }

    public required IcdCode Primary { get; init; }

    public IReadOnlyList<(DateTime Time, IcdCode Code)> Secondary { get; init; } = [];

    public required EncounterOrigin Origin { get; init; }

    public required VisitKind Kind { get; init; }

    public required string Specialty { get; init; }

    public required string Department { get; init; }

    /// <summary>Discharge from the ward, for an encounter that became an inpatient period.</summary>
    public DateTime? Discharge { get; set; }

    /// <summary>Also recorded in the other system during the Uranus-to-Apotti migration.</summary>
    public bool Migrated { get; set; }

    /// <summary>An intensive care system the stay must go to; set only when a system is short of stays.</summary>
    public IcuSystem? ForcedIcu { get; init; }

    public bool IsEmergency => Kind == VisitKind.Emergency;
}
