namespace Lake.Synthetic.Care;

/// <summary>A measurement entered in the care table.</summary>
internal readonly record struct MeasurementRecord(int Person, DateTime Time, Measurement Kind, double Value, string Unit);
