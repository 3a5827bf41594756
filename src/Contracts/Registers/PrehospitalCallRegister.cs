namespace Lake.Contracts.Registers;

public static class PrehospitalCallRegister
{
    public const string Name = "prehospital_call";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Prehospital emergency care calls",
        Description = "Emergency care calls: vehicle time stamps, patient medication, patient records.",
        EventColumn = "call_time",
        EventKey = ["call_time"],
        Columns =
        [
            Column.Timestamp("call_time", "Time of the call.", required: true),
            Column.Text("task_code", "Emergency task code."),
            Column.Text("urgency", "Urgency class A-D."),
            Column.Timestamp("vehicle_arrival", "When the unit reached the patient."),
            Column.Text("medication", "Medication given."),
            Column.Text("record", "Care record text."),
        ],
        Sources =
        [
            new SourceCoverage("Merlotmedi", 2007, 2012, Partial: true),
            new SourceCoverage("Merlotmedi", 2013, null, Partial: false, "c. 100,000-200,000 calls per year"),
        ],
    };
}
