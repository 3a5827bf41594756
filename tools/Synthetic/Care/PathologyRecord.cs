namespace Lake.Synthetic.Care;

/// <summary>A pathology sample and its statement.</summary>
internal readonly record struct PathologyRecord(int Person, DateTime Time, string SampleNumber, PathologySpecimen Specimen);
