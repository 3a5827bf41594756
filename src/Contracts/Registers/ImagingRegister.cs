namespace Lake.Contracts.Registers;

public static class ImagingRegister
{
    public const string Name = "imaging";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Imaging examination data",
        Description = "Imaging examinations: time, examination number, referral, visit and statement details. Images stay on PACS.",
        EventColumn = "exam_time",
        EventKey = ["exam_time", "exam_code"],
        Columns =
        [
            Column.Timestamp("exam_time", "Time of the examination.", required: true),
            Column.Text("exam_number", "Examination number."),
            Column.Text("exam_code", "Examination code (THL procedure code)."),
            Column.Text("modality", "Modality, e.g. CT, MR, RTG."),
            Column.Text("referral", "Referral details."),
            Column.Text("statement", "Radiologist's statement."),
        ],
        Sources =
        [
            new SourceCoverage("Mustiradu", 1996, 1998, Partial: true),
            new SourceCoverage("Mustiradu", 1999, 2013, Partial: false, "c. 200,000-1,000,000 examinations per year"),
            new SourceCoverage("HUSRadu", 2013, 2013, Partial: true),
            new SourceCoverage("HUSRadu", 2014, 2022, Partial: false, "c. 1.5 million examinations per year; replaced by Apotti 2021-2022"),
            new SourceCoverage("Apotti", 2021, 2021, Partial: true),
            new SourceCoverage("Apotti", 2022, null, Partial: false, "c. 1.3 million examinations per year"),
        ],
    };
}
