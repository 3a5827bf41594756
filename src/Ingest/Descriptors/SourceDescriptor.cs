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

    /// <summary>
    /// What <see cref="Identity"/> holds: identity_code (the default), or patient_reference: a FHIR
    /// reference to a Patient, resolved through the Patient resources of the system ingested before.
    /// </summary>
    public string IdentityKind { get; set; } = IdentityKinds.IdentityCode;

    /// <summary>Register column name → how to fill it from the feed.</summary>
    public Dictionary<string, ColumnMapping> Columns { get; set; } = [];

    /// <summary>Rows that must never enter the lake.</summary>
    public List<RowFilter> Exclude { get; set; } = [];

    /// <summary>Tables beside the feed whose columns rows may borrow by key (named LOOKUP.COLUMN in mappings).</summary>
    public List<LookupSpec> Lookups { get; set; } = [];

    /// <summary>When set, <see cref="Identity"/> names the local patient number column, mapped through this file.</summary>
    public CrosswalkSpec? Crosswalk { get; set; }

    /// <summary>The file the descriptor was read from, for error messages; not a setting of the file.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string? Origin { get; set; }
}
