namespace Lake.Contracts.Registers;

public static class ProcedureRegister
{
    public const string Name = "procedure";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Procedure data",
        Description = "Procedures including surgery: time, NOMESCO procedure code, primary or secondary, urgency, duration, anesthesia.",
        EventColumn = "procedure_time",
        EventKey = ["procedure_code", "procedure_time"],
        Columns =
        [
            Column.Timestamp("procedure_time", "Time of the procedure.", required: true),
            Column.Text("procedure_code", "Procedure code (THL NOMESCO, e.g. JJ1LE).", required: true),
            Column.Text("procedure_type", "primary or secondary."),
            Column.Text("urgency", "Urgency of a surgical procedure."),
            Column.Integer("duration_minutes", "Duration of surgery in minutes.") with { PlausibleMin = 0, PlausibleMax = 1440 },
            Column.Text("anesthesia", "Anesthesia type."),
            Column.Text("unit", "Unit that performed the procedure."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2004, 2008, Partial: true),
            new SourceCoverage("Uranus", 2009, 2019, Partial: false, "c. 1-2 million procedures per year"),
            new SourceCoverage("Opera", 2005, 2009, Partial: true),
            new SourceCoverage("Opera", 2010, 2020, Partial: false, "c. 100,000 surgical procedures per year"),
            new SourceCoverage("Apotti", 2021, null, Partial: false, "c. 3 million procedures and 100,000 surgeries per year"),
        ],
    };
}
