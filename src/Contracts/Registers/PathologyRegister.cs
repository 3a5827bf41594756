namespace Lake.Contracts.Registers;

public static class PathologyRegister
{
    public const string Name = "pathology";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Pathological examination data",
        Description = "Pathological examinations, results and statements, with SNOMED codes.",
        EventColumn = "sample_time",
        EventKey = ["sample_number", "sample_time"],
        Columns =
        [
            Column.Timestamp("sample_time", "When the sample was taken.", required: true),
            Column.Text("sample_number", "Sample number in the pathology system."),
            Column.Text("examination", "Examination performed."),
            Column.Text("snomed_codes", "SNOMED codes, separated by spaces."),
            Column.Text("statement", "Pathologist's statement."),
        ],
        Sources =
        [
            new SourceCoverage("Qpati", 1987, 1993, Partial: false, "c. 16,000-65,000 samples per year"),
            new SourceCoverage("Qpati", 1994, 2021, Partial: false, "c. 90,000-400,000 samples per year"),
        ],
    };
}
