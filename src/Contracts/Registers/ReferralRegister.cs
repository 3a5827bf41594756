namespace Lake.Contracts.Registers;

public static class ReferralRegister
{
    public const string Name = "referral";

    public static RegisterDefinition Definition { get; } = new()
    {
        Name = Name,
        Title = "Referral data",
        Description = "Referrals: date, referring unit and department, receiving unit, approval date, referral diagnosis, referral type.",
        EventColumn = "referral_date",
        EventKey = ["referral_date", "referral_type", "receiving_unit"],
        Columns =
        [
            Column.Date("referral_date", "Date of referral.", required: true),
            Column.Text("referring_unit", "Referring unit."),
            Column.Text("referring_department", "Referring department."),
            Column.Text("receiving_unit", "Receiving unit."),
            Column.Date("approval_date", "Date the referral was approved."),
            Column.Text("referral_diagnosis", "ICD-10 code of the referral diagnosis."),
            Column.Text("referral_type", "Type of referral, e.g. consultation request."),
        ],
        Sources =
        [
            new SourceCoverage("Uranus", 2002, 2012, Partial: true),
            new SourceCoverage("Uranus", 2013, 2020, Partial: false, "c. 400,000 referrals per year"),
            new SourceCoverage("Apotti", 2018, 2019, Partial: true),
            new SourceCoverage("Apotti", 2020, null, Partial: false, "c. 600,000 referrals per year"),
        ],
    };
}
