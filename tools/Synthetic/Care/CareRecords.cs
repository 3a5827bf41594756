namespace Lake.Synthetic.Care;

/// <summary>Every record of the care history, one list per feed, each sorted by person and time.</summary>
internal sealed class CareRecords
{
    public List<PersonCare> People { get; } = [];

    public List<DiagnosisRecord> UranusDiagnoses { get; } = [];

    public List<VisitRecord> UranusVisits { get; } = [];

    public List<VisitRecord> ApottiVisits { get; } = [];

    public List<ReferralRecord> UranusReferrals { get; } = [];

    public List<ReferralRecord> ApottiReferrals { get; } = [];

    public List<InpatientRecord> UranusInpatient { get; } = [];

    public List<InpatientRecord> ApottiInpatient { get; } = [];

    public List<TextRecord> UranusTexts { get; } = [];

    public List<TextRecord> ApottiNotes { get; } = [];

    public List<ProcedureRecord> UranusProcedures { get; } = [];

    public List<ProcedureRecord> OperaOperations { get; } = [];

    public List<ProcedureRecord> ApottiProcedures { get; } = [];

    public List<MedicationRecord> UranusMedications { get; } = [];

    public List<MedicationRecord> ApottiMedications { get; } = [];

    public List<MedicationRecord> KemokurCourses { get; } = [];

    public List<MedicationRecord> MarelaOrders { get; } = [];

    public List<MeasurementRecord> UranusMeasurements { get; } = [];

    public List<MeasurementRecord> ApottiFlowsheets { get; } = [];

    public List<EcgRecord> Ecgs { get; } = [];

    public List<PathologyRecord> Pathology { get; } = [];

    public List<ImagingRecord> MustiraduExams { get; } = [];

    public List<ImagingRecord> HusRaduExams { get; } = [];

    public List<ImagingRecord> ApottiImaging { get; } = [];

    public Dictionary<IcuSystem, List<IcuRecord>> Icu { get; } = IcuSystems.All.ToDictionary(s => s, _ => new List<IcuRecord>());

    public List<PrehospitalCallRecord> Calls { get; } = [];

    public List<PrehospitalCareRecord> PrehospitalCare { get; } = [];

    public List<BirthRecord> Births { get; } = [];

    public List<ApottiPatientRecord> ApottiPatients { get; } = [];

    /// <summary>Feeds list a person's rows together, in time order, as exports sorted by patient do.</summary>
    public void Sort()
    {
        Sort(UranusDiagnoses, r => r.Person, r => r.Time);
        Sort(UranusVisits, r => r.Person, r => r.Time);
        Sort(ApottiVisits, r => r.Person, r => r.Time);
        Sort(UranusReferrals, r => r.Person, r => r.Date.ToDateTime(TimeOnly.MinValue));
        Sort(ApottiReferrals, r => r.Person, r => r.Date.ToDateTime(TimeOnly.MinValue));
        Sort(UranusInpatient, r => r.Person, r => r.Start);
        Sort(ApottiInpatient, r => r.Person, r => r.Start);
        Sort(UranusTexts, r => r.Person, r => r.Time);
        Sort(ApottiNotes, r => r.Person, r => r.Time);
        Sort(UranusProcedures, r => r.Person, r => r.Time);
        Sort(OperaOperations, r => r.Person, r => r.Time);
        Sort(ApottiProcedures, r => r.Person, r => r.Time);
        Sort(UranusMedications, r => r.Person, r => r.Time);
        Sort(ApottiMedications, r => r.Person, r => r.Time);
        Sort(KemokurCourses, r => r.Person, r => r.Time);
        Sort(MarelaOrders, r => r.Person, r => r.Time);
        Sort(UranusMeasurements, r => r.Person, r => r.Time);
        Sort(ApottiFlowsheets, r => r.Person, r => r.Time);
        Sort(Ecgs, r => r.Person, r => r.Time);
        Sort(Pathology, r => r.Person, r => r.Time);
        Sort(MustiraduExams, r => r.Person, r => r.Time);
        Sort(HusRaduExams, r => r.Person, r => r.Time);
        Sort(ApottiImaging, r => r.Person, r => r.Time);
        foreach (var items in Icu.Values)
            Sort(items, r => r.Person, r => r.Time);
        Sort(Calls, r => r.Person, r => r.Time);
        Sort(PrehospitalCare, r => r.Person, r => r.Time);
        Sort(Births, r => r.Person, r => r.Time);
    }

    // OrderBy is stable: records of the same time keep the order they were made in.
    private static void Sort<T>(List<T> records, Func<T, int> person, Func<T, DateTime> time)
    {
        var sorted = records.OrderBy(person).ThenBy(time).ToList();
        records.Clear();
        records.AddRange(sorted);
    }
}
