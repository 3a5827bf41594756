namespace Lake.Ingest.Descriptors;

/// <summary>
/// For systems that identify patients only by a local number: a delimited file, supplied beside
/// the feed, that maps the local number to the identity code. It is read at ingest and never stored.
/// </summary>
public sealed class CrosswalkSpec
{
    /// <summary>File name, relative to the feed's folder unless absolute.</summary>
    public string File { get; set; } = "";

    /// <summary>Column of the crosswalk holding the local number.</summary>
    public string LocalId { get; set; } = "";

    /// <summary>Column of the crosswalk holding the identity code.</summary>
    public string IdentityCode { get; set; } = "";

    public string Delimiter { get; set; } = ",";

    /// <summary>
    /// Optional column of days to add to every date of the patient's rows: sources that publish
    /// shifted dates (research extracts, de-identified sets) are brought back to real time here.
    /// </summary>
    public string? ShiftDays { get; set; }
}
