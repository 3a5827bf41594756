namespace Lake.Contracts.Registers;

public static class LaboratoryRegister
{
    public const string Name = "laboratory";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Laboratory examination data",
        Description = "Laboratory examinations including ECG: examination number, sampling time, ordering unit and result.",
        EventColumn = "sample_time",
        EventKey = ["test_code", "sample_time", "result_value", "result_text"],
        Columns =
        [
            Column.Timestamp("sample_time", "Sampling time.", required: true),
            Column.Text("test_code", "Laboratory examination number (e.g. 2095).", required: true),
            Column.Text("test_name", "Examination abbreviation (e.g. B -HbA1c)."),
            Column.Decimal("result_value", "Numeric result, when the result is a number."),
            Column.Text("result_text", "Result as text, when not numeric."),
            Column.Text("result_unit", "Unit of the result, canonical spelling."),
            Column.Text("ordering_unit", "Unit that ordered the examination."),
        ],
        Sources =
        [
            new SourceCoverage("Multilab", 2000, null, Partial: false, "c. 10-70 million examinations per year"),
            new SourceCoverage("Muse", 2010, null, Partial: false, "c. 100,000-200,000 ECG examinations per year"),
        ],
    };
}
