namespace Lake.Synthetic.Care;

/// <summary>An emergency medical services call, from the call to the unit's arrival at the patient.</summary>
internal readonly record struct PrehospitalCallRecord(int Person, DateTime Time, string Task, char Urgency, DateTime Arrival, string? Medication, string Narrative);
