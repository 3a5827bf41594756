namespace Lake.Synthetic;

/// <summary>Chronic diagnoses belong to a person and recur; acute ones are drawn per visit.</summary>
internal enum DiagnosisKind
{
    Chronic,
    Acute,
}
