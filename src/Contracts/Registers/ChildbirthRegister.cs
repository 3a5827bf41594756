namespace Lake.Contracts.Registers;

public static class ChildbirthRegister
{
    public const string Name = "childbirth";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Childbirth data",
        Description = "Data recorded on childbirths, on the mother's record.",
        EventColumn = "birth_time",
        EventKey = ["birth_time"],
        Columns =
        [
            Column.Timestamp("birth_time", "Time of birth.", required: true),
            Column.Integer("gestational_weeks", "Gestational age in full weeks.") with { PlausibleMin = 20, PlausibleMax = 45 },
            Column.Integer("birth_weight_g", "Birth weight of the newborn in grams.") with { PlausibleMin = 300, PlausibleMax = 6500 },
            Column.Text("delivery_mode", "Mode of delivery, e.g. vaginal, caesarean."),
            Column.Integer("parity", "Number of earlier births.") with { PlausibleMin = 0, PlausibleMax = 20 },
        ],
        Sources =
        [
            new SourceCoverage("Obstetrix", 2005, 2019, Partial: false),
        ],
    };
}
