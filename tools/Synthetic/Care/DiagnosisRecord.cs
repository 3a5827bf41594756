namespace Lake.Synthetic.Care;

/// <summary>A Uranus diagnosis row; <see cref="IsCopy"/> marks a row migrated from the Apotti feed.</summary>
internal readonly record struct DiagnosisRecord(int Person, DateTime Time, IcdCode Code, bool Primary, string Department, string Specialty, bool IsCopy);
