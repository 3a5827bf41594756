namespace Lake.Contracts.Registers;

public static class DiagnosisRegister
{
    public const string Name = "diagnosis";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Diagnosis data",
        Description = "Diagnoses entered in the patient information system: ICD-10 code, unit, primary or secondary, when recorded.",
        EventColumn = "recorded_at",
        EventKey = ["code", "recorded_at"],
        Columns =
        [
            Column.Text("code", "Diagnosis code in canonical form: ICD-10 in THL's dotted form (E11.9), ICD-9 dotted (250.00).", required: true),
            Column.Text("code_system", "ICD-10, or ICD-9 for sources that still use it.", required: true),
            Column.Text("diagnosis_type", "primary or secondary."),
            Column.Timestamp("recorded_at", "When the diagnosis was recorded.", required: true),
            Column.Date("diagnosis_start", "When the condition started, if recorded."),
            Column.Text("unit", "Unit that entered the diagnosis."),
            Column.Text("specialty", "Specialty of the unit."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2004, 2007, Partial: true),
            new SourceCoverage("Uranus", 2008, 2020, Partial: false, "c. 2-6 million diagnoses per year"),
            new SourceCoverage("Apotti", 2020, 2021, Partial: true),
            new SourceCoverage("Apotti", 2022, null, Partial: false, "c. 12 million diagnoses per year"),
        ],
    };
}
