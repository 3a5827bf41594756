namespace Lake.Synthetic.Care;

/// <summary>A person's demographics as Apotti holds them from 2018 on.</summary>
internal readonly record struct ApottiPatientRecord(int Person, DateOnly? DeathDate, string Municipality, double? HeightCm, double? WeightKg, DateOnly Updated);
