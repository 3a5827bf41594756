namespace Lake.Synthetic;

/// <summary>The Multilab examinations the synthetic laboratory feed uses.</summary>
internal static class LabCatalog
{
    public static readonly LabTest HbA1c = new("2095", "B -HbA1c", "mmol/mol", 0);
    public static readonly LabTest Glucose = new("1468", "fP -Gluk", "mmol/l", 1);
    public static readonly LabTest Creatinine = new("2143", "P -Krea", "umol/l", 0);
    public static readonly LabTest Potassium = new("1999", "P -K", "mmol/l", 1);
    public static readonly LabTest Sodium = new("2000", "P -Na", "mmol/l", 0);
    public static readonly LabTest Haemoglobin = new("1552", "B -Hb", "g/l", 0);
    public static readonly LabTest Crp = new("4520", "P -CRP", "mg/l", 0);
    public static readonly LabTest Ldl = new("4242", "fP -LDL-Kol", "mmol/l", 1);

    /// <summary>Urine screen: a text result, neg or pos, and no unit.</summary>
    public static readonly LabTest UrineScreen = new("6211", "U -Seul", "", 0, IsQualitative: true);

    public static readonly IReadOnlyList<LabTest> All = [HbA1c, Glucose, Creatinine, Potassium, Sodium, Haemoglobin, Crp, Ldl, UrineScreen];
}
