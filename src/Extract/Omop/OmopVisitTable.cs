using Lake.Contracts.Registers;

namespace Lake.Extract.Omop;

/// <summary>
/// visit_occurrence from the visit register (one day each) and the inpatient periods (start to end).
/// The visit concept follows the visit's type: first and follow-up visits are outpatient, emergency
/// visits emergency room, inpatient periods inpatient; phone contacts, bookings and deliveries have
/// no visit concept Lake can vouch for and get 0.
/// </summary>
internal static class OmopVisitTable
{
    public static void Write(OmopBuild build, int inpatient, int outpatient, int emergency)
    {
        build.Files.Open(RegisterNames.Visit, [("visit_time", "TIMESTAMP"), ("visit_type", "VARCHAR")]);
        build.Files.Open(RegisterNames.InpatientPeriod, [("start_time", "TIMESTAMP"), ("end_time", "TIMESTAMP")]);
        var parts = new List<string>();
        if (build.Files.Has(RegisterNames.Visit))
        {
            parts.Add($"""
                SELECT 0 AS part, file_row_number, person_id,
                       CASE visit_type WHEN 'first_visit' THEN {outpatient} WHEN 'follow_up' THEN {outpatient} WHEN 'outpatient' THEN {outpatient}
                                       WHEN 'emergency' THEN {emergency} WHEN 'inpatient' THEN {inpatient} ELSE 0 END AS visit_concept_id,
                       {OmopBuild.Date("visit_time")} AS visit_start_date, {build.DateTime("visit_time")} AS visit_start_datetime,
                       {OmopBuild.Date("visit_time")} AS visit_end_date, {build.DateTime("visit_time")} AS visit_end_datetime,
                       visit_type AS visit_source_value
                FROM {OmopBuild.Persons("src_" + RegisterNames.Visit)}
                """);
        }

        if (build.Files.Has(RegisterNames.InpatientPeriod))
        {
            // A period still open (no end yet) ends, for the CDM's NOT NULL end date, on the day it started.
            parts.Add($"""
                SELECT 1 AS part, file_row_number, person_id, {inpatient} AS visit_concept_id,
                       {OmopBuild.Date("start_time")} AS visit_start_date, {build.DateTime("start_time")} AS visit_start_datetime,
                       coalesce({OmopBuild.Date("end_time")}, {OmopBuild.Date("start_time")}) AS visit_end_date, {build.DateTime("end_time")} AS visit_end_datetime,
                       'inpatient_period' AS visit_source_value
                FROM {OmopBuild.Persons("src_" + RegisterNames.InpatientPeriod)}
                """);
        }

        if (parts.Count == 0)
            return;
        build.Session.Execute($"""
            INSERT INTO cdm.visit_occurrence BY NAME
            SELECT CAST(row_number() OVER (ORDER BY part, file_row_number) AS INTEGER) AS visit_occurrence_id,
                   person_id, visit_concept_id, visit_start_date, visit_start_datetime, visit_end_date, visit_end_datetime,
                   {build.TypeConcept} AS visit_type_concept_id, visit_source_value, 0 AS visit_source_concept_id
            FROM ({string.Join("\nUNION ALL\n", parts)})
            ORDER BY visit_occurrence_id
            """);
    }
}
