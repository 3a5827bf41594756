using Lake.Contracts.Registers;

namespace Lake.Extract.Omop;

/// <summary>
/// The clinical event tables, one delivered row to one CDM row, every row kept whatever its code
/// maps to (so each table's rows equal its registers' delivered rows, and no row moves to another
/// table by its concept's domain): condition_occurrence from diagnoses, procedure_occurrence from
/// procedures, drug_exposure from medications, measurement from laboratory results and care-table
/// measurements, observation from referral diagnoses. Ids follow each file's row order.
/// </summary>
internal static class OmopEventTables
{
    public static void WriteConditions(OmopBuild build)
    {
        var view = "src_" + RegisterNames.Diagnosis;
        build.Files.Open(RegisterNames.Diagnosis, [("code", "VARCHAR"), ("code_system", "VARCHAR"), ("diagnosis_type", "VARCHAR"), ("recorded_at", "TIMESTAMP")]);
        if (!build.Files.Has(RegisterNames.Diagnosis))
            return;
        build.Map("map_icd10", $"SELECT code AS source_value FROM {view} WHERE code_system IS DISTINCT FROM 'ICD-9'", OmopSourceVocabularies.Icd10);
        build.Map("map_icd9", $"SELECT code AS source_value FROM {view} WHERE code_system = 'ICD-9'", OmopSourceVocabularies.Icd9);
        build.Session.Execute($"""
            INSERT INTO cdm.condition_occurrence BY NAME
            SELECT CAST(row_number() OVER (ORDER BY file_row_number) AS INTEGER) AS condition_occurrence_id, person_id,
                   coalesce(m10.concept_id, m9.concept_id, 0) AS condition_concept_id,
                   {OmopBuild.Date("recorded_at")} AS condition_start_date, {build.DateTime("recorded_at")} AS condition_start_datetime,
                   {build.TypeConcept} AS condition_type_concept_id,
                   code AS condition_source_value, coalesce(m10.source_concept_id, m9.source_concept_id, 0) AS condition_source_concept_id,
                   diagnosis_type AS condition_status_source_value, 0 AS condition_status_concept_id
            FROM {OmopBuild.Persons(view)}
            LEFT JOIN map_icd10 m10 ON code_system IS DISTINCT FROM 'ICD-9' AND m10.source_value = code
            LEFT JOIN map_icd9 m9 ON code_system = 'ICD-9' AND m9.source_value = code
            ORDER BY condition_occurrence_id
            """);
    }

    public static void WriteProcedures(OmopBuild build)
    {
        var view = "src_" + RegisterNames.Procedure;
        build.Files.Open(RegisterNames.Procedure, [("procedure_code", "VARCHAR"), ("procedure_time", "TIMESTAMP")]);
        if (!build.Files.Has(RegisterNames.Procedure))
            return;
        build.Map("map_procedure", $"SELECT procedure_code AS source_value FROM {view}", OmopSourceVocabularies.Procedure);
        build.Session.Execute($"""
            INSERT INTO cdm.procedure_occurrence BY NAME
            SELECT CAST(row_number() OVER (ORDER BY file_row_number) AS INTEGER) AS procedure_occurrence_id, person_id,
                   coalesce(m.concept_id, 0) AS procedure_concept_id,
                   {OmopBuild.Date("procedure_time")} AS procedure_date, {build.DateTime("procedure_time")} AS procedure_datetime,
                   {build.TypeConcept} AS procedure_type_concept_id,
                   procedure_code AS procedure_source_value, coalesce(m.source_concept_id, 0) AS procedure_source_concept_id
            FROM {OmopBuild.Persons(view)} LEFT JOIN map_procedure m ON m.source_value = procedure_code
            ORDER BY procedure_occurrence_id
            """);
    }

    /// <summary>The register records when an entry was made, not how long the drug was taken: the exposure ends the day it starts, as the CDM's conventions say when the end is unknown.</summary>
    public static void WriteDrugs(OmopBuild build)
    {
        var view = "src_" + RegisterNames.Medication;
        build.Files.Open(RegisterNames.Medication, [("atc_code", "VARCHAR"), ("event_time", "TIMESTAMP"), ("dose", "VARCHAR"), ("route", "VARCHAR")]);
        if (!build.Files.Has(RegisterNames.Medication))
            return;
        build.Map("map_atc", $"SELECT atc_code AS source_value FROM {view}", OmopSourceVocabularies.Atc);
        build.Session.Execute($"""
            INSERT INTO cdm.drug_exposure BY NAME
            SELECT CAST(row_number() OVER (ORDER BY file_row_number) AS INTEGER) AS drug_exposure_id, person_id,
                   coalesce(m.concept_id, 0) AS drug_concept_id,
                   {OmopBuild.Date("event_time")} AS drug_exposure_start_date, {build.DateTime("event_time")} AS drug_exposure_start_datetime,
                   {OmopBuild.Date("event_time")} AS drug_exposure_end_date, {build.DateTime("event_time")} AS drug_exposure_end_datetime,
                   {build.TypeConcept} AS drug_type_concept_id, dose AS sig, 0 AS route_concept_id,
                   atc_code AS drug_source_value, coalesce(m.source_concept_id, 0) AS drug_source_concept_id, route AS route_source_value
            FROM {OmopBuild.Persons(view)} LEFT JOIN map_atc m ON m.source_value = atc_code
            ORDER BY drug_exposure_id
            """);
    }

    public static void WriteMeasurements(OmopBuild build)
    {
        var laboratory = "src_" + RegisterNames.Laboratory;
        var basic = "src_" + RegisterNames.BasicMeasurement;
        build.Files.Open(RegisterNames.Laboratory, [("test_code", "VARCHAR"), ("sample_time", "TIMESTAMP"), ("result_value", "DOUBLE"), ("result_text", "VARCHAR"), ("result_unit", "VARCHAR")]);
        build.Files.Open(RegisterNames.BasicMeasurement, [("measurement", "VARCHAR"), ("measured_at", "TIMESTAMP"), ("value", "DOUBLE"), ("value_unit", "VARCHAR")]);
        var parts = new List<string>();
        var units = new List<string>();
        if (build.Files.Has(RegisterNames.Laboratory))
        {
            build.Map("map_laboratory", $"SELECT test_code AS source_value FROM {laboratory}", OmopSourceVocabularies.Laboratory);
            units.Add($"SELECT {OmopUnitSpelling.Ucum("result_unit")} AS source_value FROM {laboratory}");
            parts.Add($"""
                SELECT 0 AS part, file_row_number, person_id, coalesce(m.concept_id, 0) AS concept_id, coalesce(m.source_concept_id, 0) AS source_concept_id,
                       {OmopBuild.Date("sample_time")} AS event_date, {build.DateTime("sample_time")} AS event_datetime,
                       result_value AS value, result_unit AS unit, test_code AS source_value,
                       coalesce(result_text, CAST(result_value AS VARCHAR)) AS value_source_value
                FROM {OmopBuild.Persons(laboratory)} LEFT JOIN map_laboratory m ON m.source_value = test_code
                """);
        }

        if (build.Files.Has(RegisterNames.BasicMeasurement))
        {
            build.Map("map_basic_measurement", $"SELECT measurement AS source_value FROM {basic}", OmopSourceVocabularies.BasicMeasurement);
            units.Add($"SELECT {OmopUnitSpelling.Ucum("value_unit")} AS source_value FROM {basic}");
            parts.Add($"""
                SELECT 1 AS part, file_row_number, person_id, coalesce(m.concept_id, 0), coalesce(m.source_concept_id, 0),
                       {OmopBuild.Date("measured_at")}, {build.DateTime("measured_at")},
                       value, value_unit, measurement, CAST(value AS VARCHAR)
                FROM {OmopBuild.Persons(basic)} LEFT JOIN map_basic_measurement m ON m.source_value = measurement
                """);
        }

        if (parts.Count == 0)
            return;
        build.Map("map_unit", string.Join(" UNION ALL ", units), OmopSourceVocabularies.Unit);
        build.Session.Execute($"""
            INSERT INTO cdm.measurement BY NAME
            SELECT CAST(row_number() OVER (ORDER BY e.part, e.file_row_number) AS INTEGER) AS measurement_id, e.person_id,
                   e.concept_id AS measurement_concept_id, e.event_date AS measurement_date, e.event_datetime AS measurement_datetime,
                   {build.TypeConcept} AS measurement_type_concept_id, e.value AS value_as_number,
                   coalesce(u.concept_id, 0) AS unit_concept_id,
                   e.source_value AS measurement_source_value, e.source_concept_id AS measurement_source_concept_id,
                   e.unit AS unit_source_value, coalesce(u.source_concept_id, 0) AS unit_source_concept_id,
                   e.value_source_value
            FROM ({string.Join("\nUNION ALL\n", parts)}) e LEFT JOIN map_unit u ON u.source_value = {OmopUnitSpelling.Ucum("e.unit")}
            ORDER BY measurement_id
            """);
    }

    /// <summary>A referral's diagnosis is the reason someone was referred, not a diagnosis made here: an observation, its code mapped like a diagnosis's.</summary>
    public static void WriteObservations(OmopBuild build)
    {
        var view = "src_" + RegisterNames.Referral;
        build.Files.Open(RegisterNames.Referral, [("referral_date", "DATE"), ("referral_diagnosis", "VARCHAR"), ("referral_type", "VARCHAR")]);
        if (!build.Files.Has(RegisterNames.Referral))
            return;
        build.Map("map_referral", $"SELECT referral_diagnosis AS source_value FROM {view}", OmopSourceVocabularies.Icd10);
        build.Session.Execute($"""
            INSERT INTO cdm.observation BY NAME
            SELECT CAST(row_number() OVER (ORDER BY file_row_number) AS INTEGER) AS observation_id, person_id,
                   coalesce(m.concept_id, 0) AS observation_concept_id,
                   {OmopBuild.Date("referral_date")} AS observation_date, {build.DateTime("referral_date")} AS observation_datetime,
                   {build.TypeConcept} AS observation_type_concept_id,
                   referral_diagnosis AS observation_source_value, coalesce(m.source_concept_id, 0) AS observation_source_concept_id,
                   referral_type AS qualifier_source_value
            FROM {OmopBuild.Persons(view)} LEFT JOIN map_referral m ON m.source_value = referral_diagnosis
            ORDER BY observation_id
            """);
    }
}
