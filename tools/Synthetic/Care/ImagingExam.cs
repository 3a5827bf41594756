namespace Lake.Synthetic.Care;

/// <summary>
/// An imaging examination: THL radiology code, name, modality (DICOM code; Mustiradu wrote Finnish
/// abbreviations) and the radiologist's statement when nothing is found.
/// </summary>
internal sealed record ImagingExam(string Code, string Name, string Modality, string FinnishModality, string NormalStatement);
