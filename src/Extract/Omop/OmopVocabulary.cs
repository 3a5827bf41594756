using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// Loads the hospital's vocabulary folder into the session as <c>vocab_concept</c>,
/// <c>vocab_maps_to</c> ("Maps to" rows of CONCEPT_RELATIONSHIP), <c>vocab_source_to_concept</c>
/// and the vocabulary version. Any of the files may be missing (an empty table stands in), but not
/// both CONCEPT.csv and SOURCE_TO_CONCEPT_MAP.csv. Athena writes tab-separated files without quotes;
/// other exports (OHDSI's Eunomia samples) are comma-separated with quotes: the header line decides.
/// </summary>
internal static class OmopVocabulary
{
    public const string Concept = "CONCEPT.csv";
    public const string ConceptRelationship = "CONCEPT_RELATIONSHIP.csv";
    public const string SourceToConceptMap = "SOURCE_TO_CONCEPT_MAP.csv";
    public const string Vocabulary = "VOCABULARY.csv";

    /// <summary>Loads the folder; returns the vocabulary version for cdm_source (the Athena release), or "unknown".</summary>
    /// <exception cref="OmopVocabularyException">The folder is missing or holds neither file; the message names the setting.</exception>
    public static string Load(OmopSession session, string folder)
    {
        if (!Directory.Exists(folder))
            throw new OmopVocabularyException($"The OMOP vocabulary folder '{folder}' (setting {OmopOptions.SectionName}:Vocabulary) does not exist; point it at the folder holding Athena's CONCEPT.csv or a SOURCE_TO_CONCEPT_MAP.csv.");
        var concept = Find(folder, Concept);
        var map = Find(folder, SourceToConceptMap);
        if (concept is null && map is null)
            throw new OmopVocabularyException($"The OMOP vocabulary folder '{folder}' (setting {OmopOptions.SectionName}:Vocabulary) holds neither {Concept} nor {SourceToConceptMap}; download the vocabulary from Athena or supply a source-to-concept map.");

        Create(session, "vocab_concept", concept,
            "concept_id INTEGER, vocabulary_id VARCHAR, concept_code VARCHAR, standard_concept VARCHAR, domain_id VARCHAR",
            "CAST(concept_id AS INTEGER), vocabulary_id, concept_code, nullif(trim(standard_concept), ''), domain_id",
            // Invalid concepts stay: a source code's concept is its source_concept_id even when retired.
            "true");
        Create(session, "vocab_maps_to", Find(folder, ConceptRelationship),
            "concept_id_1 INTEGER, concept_id_2 INTEGER",
            "CAST(concept_id_1 AS INTEGER), CAST(concept_id_2 AS INTEGER)",
            "relationship_id = 'Maps to' AND nullif(trim(invalid_reason), '') IS NULL");
        Create(session, "vocab_source_to_concept", map,
            "source_code VARCHAR, source_vocabulary_id VARCHAR, source_concept_id INTEGER, target_concept_id INTEGER",
            "source_code, source_vocabulary_id, coalesce(CAST(nullif(trim(source_concept_id), '') AS INTEGER), 0), CAST(target_concept_id AS INTEGER)",
            "nullif(trim(invalid_reason), '') IS NULL AND CAST(target_concept_id AS INTEGER) <> 0");

        var versions = Find(folder, Vocabulary);
        var version = versions is null
            ? null
            : session.Text($"SELECT vocabulary_version FROM {Read(versions)} WHERE vocabulary_id = 'None'");
        return string.IsNullOrWhiteSpace(version) ? "unknown" : version.Trim();
    }

    /// <summary>Whether the loaded CONCEPT.csv holds the concept: well-known ids are used only when the vocabulary has them.</summary>
    public static int IfPresent(OmopSession session, int conceptId) =>
        session.Count("SELECT count(*) FROM vocab_concept WHERE concept_id = $1", conceptId) > 0 ? conceptId : 0;

    private static void Create(OmopSession session, string table, string? file, string columns, string select, string where)
    {
        session.Execute($"CREATE TEMP TABLE {table} ({columns})");
        if (file is not null)
            session.Execute($"INSERT INTO {table} SELECT {select} FROM {Read(file)} WHERE {where}");
    }

    /// <summary>Every column as text; the header line tells Athena's tab-separated, unquoted form from a comma-separated, quoted export.</summary>
    private static string Read(string file)
    {
        string header;
        using (var reader = new StreamReader(file))
            header = reader.ReadLine() ?? "";
        // Athena's files carry names with unbalanced quotes ("Dr. "Smith" disease"): quoting is off for them.
        var options = header.Contains('\t', StringComparison.Ordinal) ? "delim = '\\t', quote = '', escape = ''" : "delim = ',', quote = '\"'";
        return $"read_csv({SqlText.Literal(file)}, header = true, all_varchar = true, {options})";
    }

    /// <summary>The file by name in any letter case: Athena's downloads are upper case, other exports may not be.</summary>
    private static string? Find(string folder, string name) =>
        Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
}
