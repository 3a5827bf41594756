namespace Lake.Synthetic;

/// <summary>
/// One data record of a feed. <paramref name="Line"/> is the 1-based physical line where it starts (the header,
/// if the feed has one, is line 1); <paramref name="Hetu"/> is the identity code exactly as written. Good rows have a null
/// <paramref name="Defect"/> and carry the event: <paramref name="EventTime"/> (null for background rows),
/// <paramref name="Code"/> (canonical ICD-10 such as "E11.9" for diagnoses, the examination number such as
/// "2095" for laboratory rows; each feed's own code otherwise: procedure, ATC, item, variable) and
/// <paramref name="Value"/> (a numeric result as written).
/// Defect rows carry only the line, the identity code and one of the <see cref="DefectKinds"/>: what they
/// would have meant is exactly what an ingest must not guess.
/// </summary>
public sealed record TruthRow(int Line, string Hetu, string? Defect, DateTime? EventTime, string? Code, double? Value)
{
    /// <summary>
    /// File name of another feed holding the same event (same person, time and code): a record migrated
    /// from Uranus to Apotti, or back. Only the copy is marked, so counting rows where this is null
    /// counts every event once.
    /// </summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Why the source descriptor must keep this row out of the lake (e.g. sexual assault records); null for other rows.</summary>
    public string? ExcludedAs { get; init; }

    /// <summary>For free-text rows: the kinds of direct identifiers written into the text.</summary>
    public TextIdentifiers Identifiers { get; init; }

    /// <summary>True for a row an ingest must write: neither a planted defect nor an excluded row.</summary>
    public bool ReachesLake => Defect is null && ExcludedAs is null;
}
