using Lake.Contracts.Registers;
using Lake.Contracts.Extraction;

namespace Lake.Extract.Omop;

/// <summary>
/// person and death from the cohort and patient background files, and observation_period from the
/// dates of everything else written. person_id numbers the members densely in the order of their
/// study pseudonym's text, so a replay, which gives the same pseudonyms, gives the same ids.
/// </summary>
internal static class OmopPersonTables
{
    private const string Background = "omop_background";

    /// <summary>Numbers the persons and writes person and death; returns the members left out for want of a birth date.</summary>
    public static long WritePersons(OmopBuild build, int male, int female)
    {
        var session = build.Session;
        build.Files.Open(ExtractDataset.Cohort, [("index_time", "TIMESTAMP")]);
        build.Files.Open(RegisterNames.PatientBackground, [("birth_date", "DATE"), ("sex", "VARCHAR"), ("death_date", "DATE")]);
        var background = build.Files.Has(RegisterNames.PatientBackground)
            ? $"SELECT * FROM src_{RegisterNames.PatientBackground} QUALIFY row_number() OVER (PARTITION BY study_id ORDER BY file_row_number) = 1"
            : "SELECT CAST(NULL AS VARCHAR) AS study_id, CAST(NULL AS DATE) AS birth_date, CAST(NULL AS VARCHAR) AS sex, CAST(NULL AS DATE) AS death_date WHERE false";
        session.Execute($"CREATE TEMP TABLE {Background} AS {background}");
        session.Execute($"""
            CREATE TEMP TABLE omop_person_ids AS
            SELECT study_id, CAST(row_number() OVER (ORDER BY study_id) AS INTEGER) AS person_id
            FROM (SELECT DISTINCT study_id FROM src_cohort) JOIN {Background} USING (study_id)
            WHERE birth_date IS NOT NULL
            """);

        var month = build.DatePrecision == "year" ? "NULL" : "month(b.birth_date)";
        var day = build.KeepsDays ? "day(b.birth_date)" : "NULL";
        session.Execute($"""
            INSERT INTO cdm.person BY NAME
            SELECT p.person_id,
                   CASE b.sex WHEN 'male' THEN {male} WHEN 'female' THEN {female} ELSE 0 END AS gender_concept_id,
                   year(b.birth_date) AS year_of_birth,
                   {month} AS month_of_birth,
                   {day} AS day_of_birth,
                   {build.DateTime("birth_date")} AS birth_datetime,
                   0 AS race_concept_id,
                   0 AS ethnicity_concept_id,
                   p.study_id AS person_source_value,
                   b.sex AS gender_source_value,
                   0 AS gender_source_concept_id,
                   0 AS race_source_concept_id,
                   0 AS ethnicity_source_concept_id
            FROM omop_person_ids p JOIN {Background} b USING (study_id)
            ORDER BY p.person_id
            """);
        session.Execute($"""
            INSERT INTO cdm.death BY NAME
            SELECT p.person_id, CAST(b.death_date AS DATE) AS death_date, {build.DateTime("death_date")} AS death_datetime,
                   {build.TypeConcept} AS death_type_concept_id, 0 AS cause_concept_id, 0 AS cause_source_concept_id
            FROM omop_person_ids p JOIN {Background} b USING (study_id)
            WHERE b.death_date IS NOT NULL
            ORDER BY p.person_id
            """);
        return session.Count("SELECT count(DISTINCT study_id) FROM src_cohort") - session.Count("SELECT count(*) FROM omop_person_ids");
    }

    /// <summary>One period per person, from the earliest to the latest date of the person's rows and index date.</summary>
    public static void WriteObservationPeriods(OmopBuild build)
    {
        build.Session.Execute($"""
            INSERT INTO cdm.observation_period BY NAME
            WITH dates(person_id, day) AS (
                SELECT person_id, CAST(index_time AS DATE) FROM src_cohort JOIN omop_person_ids USING (study_id)
                UNION ALL SELECT person_id, visit_start_date FROM cdm.visit_occurrence
                UNION ALL SELECT person_id, visit_end_date FROM cdm.visit_occurrence
                UNION ALL SELECT person_id, condition_start_date FROM cdm.condition_occurrence
                UNION ALL SELECT person_id, procedure_date FROM cdm.procedure_occurrence
                UNION ALL SELECT person_id, drug_exposure_start_date FROM cdm.drug_exposure
                UNION ALL SELECT person_id, measurement_date FROM cdm.measurement
                UNION ALL SELECT person_id, observation_date FROM cdm.observation
                UNION ALL SELECT person_id, note_date FROM cdm.note
                UNION ALL SELECT person_id, death_date FROM cdm.death)
            SELECT CAST(person_id AS INTEGER) AS observation_period_id, person_id,
                   min(day) AS observation_period_start_date, max(day) AS observation_period_end_date,
                   {build.TypeConcept} AS period_type_concept_id
            FROM dates WHERE day IS NOT NULL
            GROUP BY person_id ORDER BY person_id
            """);
    }
}
