namespace Lake.Synthetic;

/// <summary>The ways a synthetic row is broken on purpose; each is something an ingest must quarantine.</summary>
public static class DefectKinds
{
    /// <summary>An identity code with a wrong check character: nobody's valid code.</summary>
    public const string InvalidHetu = "invalid_hetu";

    /// <summary>A date that does not exist on the calendar, such as 30 February.</summary>
    public const string ImpossibleDate = "impossible_date";

    /// <summary>A diagnosis code that is not ICD-10 shaped (letter, two digits, optional more).</summary>
    public const string MalformedCode = "malformed_code";

    /// <summary>A line cut off after its first few fields (for JSON Lines: an object cut in the middle).</summary>
    public const string TruncatedLine = "truncated_line";

    /// <summary>A required field (diagnosis code, examination number) left empty.</summary>
    public const string MissingRequired = "missing_required";

    /// <summary>
    /// A row written in UTF-8 into a Latin-1 feed: it decodes, as mojibake ("LÃ„MPÃ–"). An ingest can
    /// tell only where the garbled value must come from a closed list (a descriptor's map), so the
    /// generator plants it in such a field; in free text it would pass unnoticed.
    /// </summary>
    public const string WrongEncoding = "wrong_encoding";
}
