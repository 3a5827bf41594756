namespace Lake.Extract.Omop;

/// <summary>cdm_source: one row naming Lake's delivery, its holder, the CDM version and the vocabulary release it was mapped with.</summary>
internal static class OmopCdmSourceTable
{
    public static void Write(OmopSession session, OmopOptions options, string description, DateOnly released, string vocabularyVersion, int cdmVersionConcept)
    {
        session.Execute("""
            INSERT INTO cdm.cdm_source BY NAME
            SELECT 'Lake research data delivery' AS cdm_source_name, 'Lake' AS cdm_source_abbreviation, $1 AS cdm_holder,
                   $2 AS source_description, 'docs/omop.md' AS cdm_etl_reference,
                   $3 AS source_release_date, $3 AS cdm_release_date, '5.4' AS cdm_version, $4 AS cdm_version_concept_id,
                   $5 AS vocabulary_version
            """,
            options.CdmHolder, description, released, cdmVersionConcept, vocabularyVersion.Length <= 20 ? vocabularyVersion : vocabularyVersion[..20]);
    }
}
