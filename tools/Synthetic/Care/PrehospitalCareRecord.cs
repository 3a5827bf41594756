namespace Lake.Synthetic.Care;

/// <summary>A first-response procedure or, with a destination, the transport to hospital.</summary>
internal readonly record struct PrehospitalCareRecord(int Person, DateTime Time, string? Procedure, string? Destination);
