namespace Lake.Synthetic.Care;

/// <summary>A procedure or operation; operations carry urgency, duration and anaesthesia.</summary>
internal readonly record struct ProcedureRecord(int Person, DateTime Time, string Code, string Name, bool Primary, bool? Emergency, int? DurationMinutes, string? Anesthesia, string Unit);
