using Lake.Contracts.Registers;

namespace Lake.Extract.Omop;

/// <summary>
/// note from the delivered patient record texts, which are in the delivery only under a free-text
/// permit and already scrubbed of direct identifiers (see FreeTextScrubbing): the note table
/// copies them and is written only when they were delivered.
/// </summary>
internal static class OmopNoteTable
{
    /// <summary>Writes the notes; false when no free text was delivered, and the note table is left out of the delivery.</summary>
    public static bool Write(OmopBuild build, bool freeTextDelivered)
    {
        var view = "src_" + RegisterNames.PatientRecordText;
        if (!freeTextDelivered)
            return false;
        build.Files.Open(RegisterNames.PatientRecordText, [("recorded_at", "TIMESTAMP"), ("specialty", "VARCHAR"), ("text_type", "VARCHAR"), ("text", "VARCHAR")]);
        if (!build.Files.Has(RegisterNames.PatientRecordText))
            return true;
        build.Session.Execute($"""
            INSERT INTO cdm.note BY NAME
            SELECT CAST(row_number() OVER (ORDER BY file_row_number) AS INTEGER) AS note_id, person_id,
                   {OmopBuild.Date("recorded_at")} AS note_date, {build.DateTime("recorded_at")} AS note_datetime,
                   {build.TypeConcept} AS note_type_concept_id, 0 AS note_class_concept_id,
                   text_type AS note_title, coalesce(text, '') AS note_text,
                   0 AS encoding_concept_id, 0 AS language_concept_id,
                   specialty AS note_source_value
            FROM {OmopBuild.Persons(view)}
            ORDER BY note_id
            """);
        return true;
    }
}
