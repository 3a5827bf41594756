namespace Lake.Synthetic.Care;

/// <summary>A prescription, dispensation, chemotherapy course or medicine order.</summary>
internal readonly record struct MedicationRecord(int Person, DateTime Time, MedicationEntry Entry, Drug Drug, bool IsCopy);
