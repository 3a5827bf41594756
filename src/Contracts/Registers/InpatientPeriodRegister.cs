namespace Lake.Contracts.Registers;

public static class InpatientPeriodRegister
{
    public const string Name = "inpatient_period";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Inpatient care period data",
        Description = "Inpatient care periods: start and end, unit, receiving and further treatment unit, specialty, primary diagnosis and procedure.",
        EventColumn = "start_time",
        EndColumn = "end_time",
        EventKey = ["start_time"],
        Columns =
        [
            Column.Timestamp("start_time", "Start of the inpatient period.", required: true),
            Column.Timestamp("end_time", "End of the inpatient period."),
            Column.Text("unit", "Health care unit."),
            Column.Text("receiving_unit", "Receiving unit."),
            Column.Text("further_treatment_unit", "Further treatment unit."),
            Column.Text("specialty", "Specialty."),
            Column.Text("primary_diagnosis", "ICD-10 code of the primary diagnosis."),
            Column.Text("primary_procedure", "Procedure code of the primary procedure."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2004, 2008, Partial: true),
            new SourceCoverage("Uranus", 2009, 2019, Partial: false, "c. 200,000 inpatient periods per year"),
            new SourceCoverage("Apotti", 2018, null, Partial: false, "c. 200,000 inpatient periods per year"),
        ],
    };
}
