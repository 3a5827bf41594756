namespace Lake.Synthetic;

/// <summary>
/// One data line of a feed. <paramref name="Line"/> is the 1-based physical line (the header is line 1);
/// <paramref name="Hetu"/> is the identity code exactly as written. Good rows have a null
/// <paramref name="Defect"/> and carry the event: <paramref name="EventTime"/> (null for background rows),
/// <paramref name="Code"/> (canonical ICD-10 such as "E11.9" for diagnoses, the examination number such as
/// "2095" for laboratory rows) and <paramref name="Value"/> (a numeric laboratory result as written).
/// Defect rows carry only the line, the identity code and one of the <see cref="DefectKinds"/>: what they
/// would have meant is exactly what an ingest must not guess.
/// </summary>
public sealed record TruthRow(int Line, string Hetu, string? Defect, DateTime? EventTime, string? Code, double? Value);
