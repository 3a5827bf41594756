namespace Lake.Synthetic.Care;

/// <summary>A visit row; <see cref="IsCopy"/> marks the copy a migration left in the other system.</summary>
internal readonly record struct VisitRecord(int Person, DateTime Time, string Department, string Specialty, VisitKind Kind, string Diagnosis, string? FurtherTreatment, bool IsCopy);
