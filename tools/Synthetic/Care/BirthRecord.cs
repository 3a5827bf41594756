namespace Lake.Synthetic.Care;

/// <summary>A childbirth on the mother's record.</summary>
internal readonly record struct BirthRecord(int Person, DateTime Time, int GestationalWeeks, int WeightGrams, DeliveryMode Mode, int Parity);
