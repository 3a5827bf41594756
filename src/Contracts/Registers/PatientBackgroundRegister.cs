namespace Lake.Contracts.Registers;

public static class PatientBackgroundRegister
{
    public const string Name = "patient_background";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Patient background",
        Description = "Demographic data: date of birth, date of death, sex, municipality; height and weight for some patients.",
        Columns =
        [
            Column.Date("birth_date", "Date of birth, from the identity code.", required: true),
            Column.Text("sex", "male or female, from the identity code.", required: true),
            Column.Date("death_date", "Date of death, when known."),
            Column.Text("municipality", "Home municipality."),
            Column.Decimal("height_cm", "Latest recorded height in centimetres.") with { PlausibleMin = 30, PlausibleMax = 250 },
            Column.Decimal("weight_kg", "Latest recorded weight in kilograms.") with { PlausibleMin = 0.3, PlausibleMax = 350 },
            Column.Date("updated", "When the source system last changed the record."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2004, 2020, Partial: false, "background data for c. 3.5 million patients (with Apotti)"),
            new SourceCoverage("Apotti", 2018, 2023, Partial: false, "height and weight for c. 1 million patients (with Uranus)"),
        ],
    };
}
