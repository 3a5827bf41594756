namespace Lake.Portal.Studies;

/// <summary>One register the study asks for, with its limits as typed: columns, period, one filter, and for record texts the terms and specialties.</summary>
public sealed class DatasetRow
{
    /// <summary>The register's name; empty for a row not used.</summary>
    public string Register { get; set; } = "";

    /// <summary>Column names separated by commas or spaces; empty for all.</summary>
    public string Columns { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string FilterColumn { get; set; } = "";

    /// <summary>Values the filter column may have, separated by commas.</summary>
    public string FilterValues { get; set; } = "";

    public string FilterMin { get; set; } = "";

    public string FilterMax { get; set; } = "";

    /// <summary>Record texts: search terms, separated by commas.</summary>
    public string Terms { get; set; } = "";

    /// <summary>Record texts: specialty tabs, separated by commas.</summary>
    public string Specialties { get; set; } = "";

    public bool IsUsed => Register.Length > 0;
}
