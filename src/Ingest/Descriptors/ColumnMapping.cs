namespace Lake.Ingest.Descriptors;

/// <summary>How one register column is filled from the feed.</summary>
public sealed class ColumnMapping
{
    /// <summary>Feed column to read.</summary>
    public string? From { get; set; }

    /// <summary>A constant for every row, e.g. the code system of a source that uses only one.</summary>
    public string? Value { get; set; }

    /// <summary>Instead of a feed column, a fact of the validated identity code: birth_date or sex.</summary>
    public string? Identity { get; set; }

    /// <summary>.NET date/time format of the feed, e.g. dd.MM.yyyy or yyyy-MM-ddTHH:mm:ss.</summary>
    public string? Format { get; set; }

    /// <summary>Decimal separator of numbers in the feed: point (default) or comma.</summary>
    public string Decimal { get; set; } = "point";

    /// <summary>Feed value → register value, e.g. 1 → male. A value not in the map is quarantined, unless <see cref="Otherwise"/> is set.</summary>
    public Dictionary<string, string>? Map { get; set; }

    /// <summary>The register value for feed values the map does not list, e.g. secondary for every diagnosis after the first.</summary>
    public string? Otherwise { get; set; }

    /// <summary>Code normalisation: icd10, icd10cm, icd9, icd (by the row's code_system column), upper or none.</summary>
    public string? Normalize { get; set; }

    /// <summary>
    /// For numeric columns fed from a mixed column: "null" keeps the row with no number when the
    /// value is not numeric (e.g. a qualitative lab result); by default such a row is quarantined.
    /// </summary>
    public string? WhenNotNumeric { get; set; }

    /// <summary>For text columns fed from a mixed column: "not_numeric" keeps the text only when it is not a number.</summary>
    public string? KeepIf { get; set; }
}
