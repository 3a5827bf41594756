namespace Lake.Synthetic.Feeds;

/// <summary>File names of the feeds that name each other: a migrated record points at its original.</summary>
internal static class FeedFiles
{
    public const string ApottiDiagnoses = "apotti_diagnoses.csv";
    public const string UranusVisits = "uranus_visits.csv";
    public const string ApottiVisits = "apotti_visits.csv";
    public const string UranusReferrals = "uranus_referrals.csv";
    public const string ApottiReferrals = "apotti_referrals.csv";
    public const string UranusInpatient = "uranus_inpatient_periods.csv";
    public const string ApottiInpatient = "apotti_inpatient_periods.csv";
    public const string UranusMedications = "uranus_medications.csv";
    public const string ApottiMedications = "apotti_medications.csv";

    /// <summary>Folder of the quality registry feeds, one file per registry.</summary>
    public const string QualityRegistries = "quality_registries";
}
