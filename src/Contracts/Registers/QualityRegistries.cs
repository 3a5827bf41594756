namespace Lake.Contracts.Registers;

/// <summary>
/// The clinical quality registries of the dataset catalog. Each is a register of its own, kept
/// apart from the others like every register; they share one set of columns because the
/// registries' own variables differ too much to list here and arrive as name/value pairs.
/// </summary>
public static class QualityRegistries
{
    /// <summary>Every quality registry's source system is the registry itself.</summary>
    public const string SourceSystem = "Quality registry";

    public static IReadOnlyList<RegisterDefinition> All { get; } = Entries().Select(Define).ToArray();

    private static RegisterDefinition Define(QualityRegistryEntry entry) => new()
    {
        Name = entry.Name,
        Title = entry.Title + " quality registry",
        Description = $"Clinical quality registry: {entry.Title}. About {entry.Patients:N0} patients.",
        Kind = RegisterKind.QualityRegistry,
        ApproximatePatients = entry.Patients,
        EventColumn = "event_time",
        EventKey = ["variable", "event_time"],
        Columns =
        [
            Column.Date("enrolled", "When the patient entered the registry.", required: true),
            Column.Timestamp("event_time", "When the registry entry was recorded.", required: true),
            Column.Text("variable", "Registry variable.", required: true),
            Column.Text("value", "Value of the variable as recorded."),
        ],
        Sources = [new SourceCoverage(SourceSystem, entry.FromYear, entry.ToYear, Partial: false, $"c. {entry.Patients:N0} patients in total")],
    };

    private static IEnumerable<QualityRegistryEntry> Entries() =>
    [
        new("qr_asthma", "Asthma", 10000, 2018, null),
        new("qr_back", "Back", 31000, 2016, null),
        new("qr_bipolar_disorder", "Bipolar disorder register", 700, 2018, 2020),
        new("qr_bladder_cancer_onc", "Bladder cancer onc", 150, 2017, 2019),
        new("qr_brain_tumor", "Brain tumor", 4000, 2019, null),
        new("qr_breast_cancer_onc", "Breast cancer onc", 14000, 2015, null),
        new("qr_breast_cancer", "Breast cancer", 13000, 2015, null),
        new("qr_cardiac_arrest", "Cardiac arrest", 4000, 2020, null),
        new("qr_cardiac_surgery", "Cardiac surgery", 21500, 2017, null),
        new("qr_cataract", "Cataract", 59000, 2014, null),
        new("qr_catheter_valve_tavi", "Catheter valve (TAVI)", 750, 2017, 2021),
        new("qr_child_and_adolescent_psychiatry", "Child and adolescent psychiatry", 300, 2018, 2020),
        new("qr_cornea", "Cornea", 700, 2020, null),
        new("qr_diabetes", "Diabetes", 7300, 2018, null),
        new("qr_epilepsy", "Epilepsy", 6400, 2018, null),
        new("qr_fracture", "Fracture", 20000, 2018, null),
        new("qr_glaucoma", "Glaucoma", 500, 2021, null),
        new("qr_gynecological_cancers", "Gynecological cancers", 8300, 2018, null),
        new("qr_head_and_neck_cancers_onc", "Head and neck cancers onc", 3600, 2018, null),
        new("qr_head_and_neck_cancers", "Head and neck cancers", 10400, 2018, null),
        new("qr_hepatitis_c", "Hepatitis C", 1000, 2019, null),
        new("qr_hernia", "Hernia", 32000, 2016, null),
        new("qr_hip", "Hip", 29000, 2018, null),
        new("qr_husuke", "HUSUKE (deformities of head and face)", 11000, 2016, null),
        new("qr_ibd", "IBD", 8200, 2016, null),
        new("qr_implantdb", "Implantdb", 40000, 2007, 2021),
        new("qr_infcare", "Infcare", 1800, 2013, null),
        new("qr_invasive_cardiology", "Invasive cardiology (PCI/ANGIO register)", 21000, 2017, 2021),
        new("qr_kidney_cancer_onc", "Kidney cancer onc", 1400, 2018, null),
        new("qr_knee", "Knee", 30000, 2018, null),
        new("qr_lung_cancer", "Lung cancer", 2300, 2019, null),
        new("qr_lymphoma_onc", "Lymphoma onc", 3600, 2018, null),
        new("qr_muscular_flap", "Muscular flap", 2300, 2019, null),
        new("qr_nephrology", "Nephrology", 6000, 2015, null),
        new("qr_neuromodulator", "Neuromodulator", 1100, 2018, null),
        new("qr_nose", "Nose", 12000, 2019, null),
        new("qr_obesity", "Obesity", 4000, 2014, null),
        new("qr_opioid_replacement_therapy", "Opioid replacement therapy", 500, 2021, null),
        new("qr_pacemaker", "Pacemaker", 35000, 2014, null),
        new("qr_pad", "Pad", 50000, 2016, null),
        new("qr_pediatric_and_adolescent_cancer", "Pediatric and adolescent cancer", 300, 2016, 2021),
        new("qr_pediatric_back_disorders", "Pediatric back disorders", 1300, 2015, null),
        new("qr_pediatric_cancer", "Pediatric cancer", 1600, 2018, null),
        new("qr_pediatric_fractures", "Pediatric fractures", 22000, 2016, null),
        new("qr_prostate_onc", "Prostate onc", 3600, 2017, null),
        new("qr_prostate", "Prostate", 6700, 2017, null),
        new("qr_psychosis", "Psychosis", 600, 2018, 2020),
        new("qr_psychotherapy", "Psychotherapy", 14700, 2018, null),
        new("qr_rare_diseases", "Rare diseases", 6600, 2017, null),
        new("qr_rectal_carcinoma_onc", "Rectal carcinoma onc", 3000, 2017, null),
        new("qr_rectal_carcinoma", "Rectal carcinoma", 8600, 2014, null),
        new("qr_renal_cancer", "Renal cancer", 1700, 2018, null),
        new("qr_resuscitation_met_team", "Resuscitation (MET team)", 5000, 2015, 2021),
        new("qr_resuscitation", "Resuscitation", 6800, 2015, null),
        new("qr_retina", "Retina", 18000, 2015, null),
        new("qr_rheumatoid_arthritis", "Rheumatoid arthritis", 40000, 2015, null),
        new("qr_sarcoma_and_gist", "Sarcoma and gist", 350, 2020, null),
        new("qr_skin_cancer_onc", "Skin cancer onc", 800, 2017, null),
        new("qr_skin_cancer", "Skin cancer", 25000, 2017, null),
        new("qr_spinal_injury", "Spinal injury", 2000, 2015, null),
        new("qr_stroke", "Stroke (cerebral circulation disorder)", 47000, 2015, null),
        new("qr_tissuedb", "Tissuedb", 3000, 2007, null),
        new("qr_transplantations", "Transplantations", 24000, 2015, null),
        new("qr_urogynecology", "Urogynecology", 24000, 2016, null),
        new("qr_vascular_anomalies", "Vascular anomalies", 3400, 2016, null),
        new("qr_vascular", "Vascular", 27000, 2015, null),
        new("qr_veins", "Veins", 10000, 2017, null),
        new("qr_wounds", "Wounds", 700, 2020, null), // The catalog prints "since 202"; 2020 is assumed.
        new("qr_ylage", "Ylage", 13000, 2019, null),
    ];

    private sealed record QualityRegistryEntry(string Name, string Title, int Patients, int FromYear, int? ToYear);
}
