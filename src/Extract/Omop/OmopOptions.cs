namespace Lake.Extract.Omop;

/// <summary>
/// Where the OMOP vocabulary the hospital supplies lives, and how the OMOP delivery names its holder.
/// The data service configures it; a researcher only asks for <c>delivery.omop</c>.
/// <code>
/// "Omop": { "Vocabulary": "/srv/lake/omop-vocabulary", "CdmHolder": "Helsinki University Hospital" }
/// </code>
/// </summary>
public sealed class OmopOptions
{
    public const string SectionName = "Omop";

    /// <summary>
    /// A folder holding Athena's CONCEPT.csv (with CONCEPT_RELATIONSHIP.csv for "Maps to") and/or a
    /// SOURCE_TO_CONCEPT_MAP.csv; null when none is configured, which refuses OMOP requests.
    /// </summary>
    public string? Vocabulary { get; set; }

    /// <summary>cdm_source.cdm_holder: the organisation responsible for the data.</summary>
    public string CdmHolder { get; set; } = "Lake data service";

    public bool HasVocabulary => !string.IsNullOrWhiteSpace(Vocabulary);
}
