namespace Lake.Extract.Omop;

/// <summary>
/// The OMOP vocabulary ids each register's codes are looked up in, in CONCEPT.csv (concept_code)
/// and SOURCE_TO_CONCEPT_MAP.csv (source_vocabulary_id), preferred first. The Finnish ones are
/// those FinnGen contributed to Athena; a hospital's own map uses the same ids (docs/omop.md).
/// </summary>
internal static class OmopSourceVocabularies
{
    /// <summary>ICD-10 in THL's dotted form: the Finnish modification first, WHO's ICD-10 for codes the two share.</summary>
    public static readonly IReadOnlyList<string> Icd10 = ["ICD10fi", "ICD10"];

    public static readonly IReadOnlyList<string> Icd9 = ["ICD9fi", "ICD9CM"];

    /// <summary>THL's procedure classification (NOMESCO, Finnish version).</summary>
    public static readonly IReadOnlyList<string> Procedure = ["NCSPfi", "NCSP"];

    public static readonly IReadOnlyList<string> Atc = ["ATC"];

    /// <summary>The laboratory's own examination numbers: only a hospital's map or FinnGen's LABfi knows them.</summary>
    public static readonly IReadOnlyList<string> Laboratory = ["LABfi", "LAB"];

    /// <summary>Care-table measurement names (weight, bp_systolic): Lake's own words, mapped by a hospital's map only.</summary>
    public static readonly IReadOnlyList<string> BasicMeasurement = ["LakeMeasurement"];

    public static readonly IReadOnlyList<string> Unit = ["UCUM"];
}
