namespace Lake.Contracts.Registers;

public static class PrehospitalCareRegister
{
    public const string Name = "prehospital_care";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Prehospital emergency care data",
        Description = "First response procedures and patient transports.",
        EventColumn = "event_time",
        EventKey = ["event_time", "procedure"],
        Columns =
        [
            Column.Timestamp("event_time", "Time of the procedure or transport.", required: true),
            Column.Text("procedure", "First response procedure."),
            Column.Text("transport_destination", "Where the patient was taken."),
        ],
        Sources =
        [
            new SourceCoverage("Merlotmedi", 2008, null, Partial: false, "around 100,000 calls per year"),
        ],
    };
}
