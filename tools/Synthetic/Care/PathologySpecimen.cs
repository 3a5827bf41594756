namespace Lake.Synthetic.Care;

/// <summary>A pathology examination: what was examined, its SNOMED topography and morphology codes, the statement.</summary>
internal sealed record PathologySpecimen(string Examination, string Snomed, string Statement);
