using YamlDotNet.Serialization;

namespace Lake.Ingest.Descriptors;

/// <summary>
/// Rows that must never enter the lake, such as sexual assault records: dropped at ingest and only
/// counted. They are not quarantined either, because quarantine keeps the row's text.
/// </summary>
public sealed class RowFilter
{
    /// <summary>Feed column the filter looks at.</summary>
    public string Column { get; set; } = "";

    /// <summary>Values that exclude the row (exact match, case-insensitive).</summary>
    [YamlMember(Alias = "equals")]
    public List<string> EqualTo { get; set; } = [];

    /// <summary>Substrings that exclude the row when the field contains one (case-insensitive).</summary>
    public List<string> Contains { get; set; } = [];

    /// <summary>
    /// Values that keep the row: a row whose field is none of them (exact match, case-insensitive),
    /// or is empty, is excluded. Splits one feed between registers, e.g. FHIR Observations by category.
    /// </summary>
    public List<string> OtherThan { get; set; } = [];

    /// <summary>Why these rows are excluded; the batch summary counts by it.</summary>
    public string Reason { get; set; } = "";

    public bool Excludes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        foreach (var candidate in EqualTo)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        foreach (var candidate in Contains)
        {
            if (value.Contains(candidate, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        if (OtherThan.Count == 0)
            return false;
        foreach (var candidate in OtherThan)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                return false;
        }

        return true;
    }
}
