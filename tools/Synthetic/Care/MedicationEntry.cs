namespace Lake.Synthetic.Care;

internal enum MedicationEntry
{
    Prescription,
    Dispensation,
    Course,
    Order,
}
