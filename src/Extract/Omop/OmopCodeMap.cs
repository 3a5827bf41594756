using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// Maps the distinct codes of one delivered column to OMOP concepts, into a table
/// (<c>source_value</c>, <c>source_concept_id</c>, <c>concept_id</c>) the table builders join on.
/// The source concept is the CONCEPT row with the code in the column's vocabularies (the first
/// vocabulary listed wins). The standard concept comes, in this order, from the
/// SOURCE_TO_CONCEPT_MAP row for the code in those vocabularies, from the source concept's
/// "Maps to" relationship (the lowest target when there are several, so replays agree), or from
/// the source concept itself when it is standard. Anything else is 0: a code is never given a
/// concept the hospital's vocabulary does not state.
/// </summary>
internal static class OmopCodeMap
{
    // Ranks vocabularies before concept ids inside one BIGINT, for arg_min.
    private const string Rank = "4294967296";

    /// <param name="table">Name of the map table to create.</param>
    /// <param name="codes">A query returning the codes in a column named <c>source_value</c>.</param>
    /// <param name="vocabularies">The vocabulary ids the codes are in, preferred first; constants of Lake, never a researcher's text.</param>
    public static void Create(OmopSession session, string table, string codes, IReadOnlyList<string> vocabularies)
    {
        var ranked = string.Join(", ", vocabularies.Select((v, i) => $"({SqlText.Literal(v)}, {i})"));
        session.Execute($"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            WITH codes AS (SELECT DISTINCT source_value FROM ({codes}) WHERE source_value IS NOT NULL),
            vocabularies(vocabulary_id, priority) AS (VALUES {ranked}),
            source AS (
                SELECT codes.source_value, arg_min(k.concept_id, v.priority * {Rank} + k.concept_id) AS source_concept_id
                FROM codes JOIN vocab_concept k ON k.concept_code = codes.source_value JOIN vocabularies v USING (vocabulary_id)
                GROUP BY codes.source_value),
            by_map AS (
                SELECT codes.source_value,
                       arg_min(m.target_concept_id, v.priority * {Rank} + m.target_concept_id) AS concept_id,
                       arg_min(m.source_concept_id, v.priority * {Rank} + m.target_concept_id) AS source_concept_id
                FROM codes JOIN vocab_source_to_concept m ON m.source_code = codes.source_value JOIN vocabularies v ON v.vocabulary_id = m.source_vocabulary_id
                GROUP BY codes.source_value),
            by_relationship AS (
                SELECT source.source_value, min(r.concept_id_2) AS concept_id
                FROM source JOIN vocab_maps_to r ON r.concept_id_1 = source.source_concept_id
                GROUP BY source.source_value),
            standard_itself AS (
                SELECT source.source_value, source.source_concept_id AS concept_id
                FROM source JOIN vocab_concept k ON k.concept_id = source.source_concept_id
                WHERE k.standard_concept = 'S')
            SELECT codes.source_value,
                   CAST(coalesce(source.source_concept_id, nullif(by_map.source_concept_id, 0), 0) AS INTEGER) AS source_concept_id,
                   CAST(coalesce(by_map.concept_id, by_relationship.concept_id, standard_itself.concept_id, 0) AS INTEGER) AS concept_id
            FROM codes
            LEFT JOIN source USING (source_value)
            LEFT JOIN by_map USING (source_value)
            LEFT JOIN by_relationship USING (source_value)
            LEFT JOIN standard_itself USING (source_value)
            """);
    }
}
