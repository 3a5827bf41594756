namespace Lake.Contracts.Registers;

public static class MedicationRegister
{
    public const string Name = "medication";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Medication data",
        Description = "Prescriptions, medicine dispensations, chemotherapy courses and medicine orders.",
        EventColumn = "event_time",
        EventKey = ["entry_type", "atc_code", "event_time"],
        Columns =
        [
            Column.Timestamp("event_time", "When the entry was made.", required: true),
            Column.Text("entry_type", "prescription, dispensation, course or order.", required: true),
            Column.Text("atc_code", "ATC code of the medicine."),
            Column.Text("drug_name", "Name of the medicine."),
            Column.Text("dose", "Dose as recorded."),
            Column.Text("route", "Route of administration."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2012, 2020, Partial: false, "c. 1-4 million prescriptions and dispensations per year"),
            new SourceCoverage("Kemokur", 2014, 2020, Partial: false, "c. 60,000 courses and dispensations per year"),
            new SourceCoverage("Apotti", 2019, null, Partial: false, "1-8 million prescriptions per year"),
            new SourceCoverage("Marela", 2003, null, Partial: false, "40,000-90,000 medicine orders per year"),
        ],
    };
}
