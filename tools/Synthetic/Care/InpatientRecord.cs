namespace Lake.Synthetic.Care;

/// <summary>An inpatient period from admission to discharge.</summary>
internal readonly record struct InpatientRecord(int Person, DateTime Start, DateTime End, string Ward, string AdmittingUnit, string FurtherTreatment, string Specialty, string Diagnosis, string? Procedure, bool IsCopy);
