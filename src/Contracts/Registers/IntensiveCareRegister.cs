namespace Lake.Contracts.Registers;

public static class IntensiveCareRegister
{
    public const string Name = "intensive_care";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Intensive care and anesthesia data",
        Description = "Data entered in intensive care systems; monitoring data has limited availability.",
        EventColumn = "event_time",
        EndColumn = "end_time",
        EventKey = ["item", "event_time", "value"],
        Columns =
        [
            Column.Timestamp("event_time", "When the item was recorded.", required: true),
            Column.Text("care_unit", "Intensive care unit."),
            Column.Text("item", "What was recorded, e.g. admission, ventilation, a monitored variable.", required: true),
            Column.Decimal("value", "Numeric value."),
            Column.Text("value_unit", "Unit of the value."),
            Column.Timestamp("end_time", "End of a period item, e.g. discharge."),
        ],
        Sources =
        [
            new SourceCoverage("Caresuite Picis82", 2012, 2021, Partial: false),
            new SourceCoverage("Clinisoft Jorvi", 2001, 2019, Partial: false),
            new SourceCoverage("Clinisoft Haartman Malmi", 2019, 2019, Partial: false),
            new SourceCoverage("Caresuite Picis80", 2009, 2014, Partial: false),
            new SourceCoverage("Caresuite Meipicis", 2003, 2009, Partial: false),
            new SourceCoverage("Caresuite Peipicis", 2006, 2009, Partial: false),
            new SourceCoverage("Caresuite Toopics", 2005, 2009, Partial: false),
            new SourceCoverage("Clinisoft LNS kix", 1999, 2019, Partial: false),
            new SourceCoverage("Clinisoft LNS Que", 1999, 2019, Partial: false),
            new SourceCoverage("Clinisoft Meilahti", 1999, 2019, Partial: false),
        ],
    };
}
