namespace Lake.Contracts.Registers;

public static class VisitRegister
{
    public const string Name = "visit";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Visit data",
        Description = "Patient visits: time, unit, specialty, type of visit, primary diagnosis, further treatment; appointment bookings from 2021.",
        EventColumn = "visit_time",
        EventKey = ["visit_time", "visit_type"],
        Columns =
        [
            Column.Timestamp("visit_time", "Time of the visit.", required: true),
            Column.Text("unit", "Health care unit."),
            Column.Text("specialty", "Specialty."),
            Column.Text("visit_type", "Type of visit, e.g. outpatient, phone, booking."),
            Column.Text("primary_diagnosis", "ICD-10 code of the primary diagnosis."),
            Column.Text("further_treatment", "Further treatment facility."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2004, 2008, Partial: true),
            new SourceCoverage("Uranus", 2009, 2020, Partial: false, "c. 2-3 million visits per year"),
            new SourceCoverage("Apotti", 2018, 2020, Partial: true, "gradually"),
            new SourceCoverage("Apotti", 2021, null, Partial: false, "c. 3.5 million visits per year"),
        ],
    };
}
