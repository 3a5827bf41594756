namespace Lake.Ingest.Descriptors;

/// <summary>
/// How one source system's feed becomes rows of its register. Onboarding a system means writing
/// one of these (YAML or JSON in <c>sources/</c>), not a program.
/// </summary>
public sealed class SourceDescriptor
{
    /// <summary>Source system name as the dataset catalog spells it, e.g. "Apotti".</summary>
    public string System { get; set; } = "";

    /// <summary>Target register name, e.g. "diagnosis".</summary>
    public string Register { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Years the system covers; events dated outside them are quarantined.</summary>
    public YearRange Years { get; set; } = new();

    public FeedFormat Format { get; set; } = new();

    /// <summary>Feed column holding the identity code (HETU). It is pseudonymized and never stored.</summary>
    public string Identity { get; set; } = "";

    /// <summary>Register column name → how to fill it from the feed.</summary>
    public Dictionary<string, ColumnMapping> Columns { get; set; } = [];

    /// <summary>The file the descriptor was read from, for error messages.</summary>
    public string? Origin { get; set; }
}
