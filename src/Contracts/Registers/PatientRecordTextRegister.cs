namespace Lake.Contracts.Registers;

public static class PatientRecordTextRegister
{
    public const string Name = "patient_record_text";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Patient record texts",
        Description = "Patient record texts, statements, specialty (tab) and care report texts. Sexual assault data are removed at ingest.",
        EventColumn = "recorded_at",
        EventKey = ["recorded_at", "text_type"],
        Columns =
        [
            Column.Timestamp("recorded_at", "When the text was entered.", required: true),
            Column.Text("specialty", "Specialty tab the text belongs to."),
            Column.Text("text_type", "Kind of text: record, statement, care report."),
            Column.Text("text", "The text itself. May contain direct identifiers; scrubbed at delivery.", required: true),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2002, 2004, Partial: true),
            new SourceCoverage("Uranus", 2005, 2020, Partial: false, "c. 2-6 million texts per year"),
            new SourceCoverage("Apotti", 2021, null, Partial: false, "c. 7 million texts per year"),
        ],
    };
}
