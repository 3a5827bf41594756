namespace Lake.Contracts.Registers;

public static class BasicMeasurementRegister
{
    public const string Name = "basic_measurement";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Basic patient data and measurement results",
        Description = "Measurements entered in the care table: weight, height, blood pressure, body temperature; recording unit and time.",
        EventColumn = "measured_at",
        EventKey = ["measurement", "measured_at"],
        Columns =
        [
            Column.Timestamp("measured_at", "When the measurement was recorded.", required: true),
            Column.Text("measurement", "What was measured, e.g. weight, height, bp_systolic.", required: true),
            Column.Decimal("value", "Measured value.", required: true),
            Column.Text("value_unit", "Unit of the value."),
            Column.Text("recording_unit", "Unit that recorded it."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2013, 2020, Partial: false, "c. 10 million entries per year"),
            new SourceCoverage("Apotti", 2021, null, Partial: false, "c. 1.1 billion follow-up entries per year"),
        ],
    };
}
