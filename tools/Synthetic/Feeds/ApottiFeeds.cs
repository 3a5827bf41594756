using Lake.Pseudonymization;
using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Apotti (Epic), from 2018: UTF-8 CSV with RFC 4180 quoting, ISO time stamps to the second, decimal
/// points, dotted codes; notes keep their line breaks inside quoted fields; flowsheets arrive gzipped.
/// </summary>
internal static class ApottiFeeds
{
    private const string Time = Formats.IsoTime;

    public static ITabularFeed Patients(IReadOnlyList<PersonProfile> people, IReadOnlyList<ApottiPatientRecord> records) =>
        new TabularFeed<ApottiPatientRecord>(
            Layout("patient_background", "apotti_patients.csv", Field.Hetu("patient_id"), Field.Required("sex"), Field.Text("death_date"), Field.Text("municipality"),
                Field.Text("height_cm"), Field.Text("weight_kg"), Field.Date("updated_at", Formats.IsoDate)),
            records,
            r =>
            {
                var person = people[r.Person];
                return new FeedRow(person.Hetu.Value, [person.Hetu.Value, person.Sex == Sex.Male ? "M" : "F", Formats.Date(r.DeathDate, Formats.IsoDate), r.Municipality,
                    r.HeightCm is { } height ? Formats.Point(height, 1) : null, r.WeightKg is { } weight ? Formats.Point(weight, 1) : null, Formats.Date(r.Updated, Formats.IsoDate)]);
            });

    public static ITabularFeed Visits(IReadOnlyList<PersonProfile> people, IReadOnlyList<VisitRecord> records) =>
        new TabularFeed<VisitRecord>(
            Layout("visit", FeedFiles.ApottiVisits, Field.Hetu("patient_id"), Field.Event("contact_time", Time), Field.Text("department"), Field.Text("specialty"), Field.Text("encounter_type"),
                Field.Icd("primary_dx"), Field.Text("disposition")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Department, r.Specialty, EncounterType(r.Kind), r.Diagnosis, r.FurtherTreatment])
            {
                EventTime = r.Time,
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.UranusVisits : null,
            });

    public static ITabularFeed Referrals(IReadOnlyList<PersonProfile> people, IReadOnlyList<ReferralRecord> records) =>
        new TabularFeed<ReferralRecord>(
            Layout("referral", FeedFiles.ApottiReferrals, Field.Hetu("patient_id"), Field.Event("referral_date", Formats.IsoDate), Field.Text("referring_provider"), Field.Text("referring_department"),
                Field.Text("receiving_department"), Field.Text("approved_date"), Field.Icd("referral_dx"), Field.Text("referral_class")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Date(r.Date, Formats.IsoDate), r.ReferringUnit, r.ReferringDepartment, r.ReceivingUnit,
                Formats.Date(r.Approved, Formats.IsoDate), r.Diagnosis, ReferralClass(r.Kind)])
            {
                EventTime = r.Date.ToDateTime(TimeOnly.MinValue),
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.UranusReferrals : null,
            });

    public static ITabularFeed InpatientPeriods(IReadOnlyList<PersonProfile> people, IReadOnlyList<InpatientRecord> records) =>
        new TabularFeed<InpatientRecord>(
            Layout("inpatient_period", FeedFiles.ApottiInpatient, Field.Hetu("patient_id"), Field.Event("admit_time", Time), Field.Text("discharge_time"), Field.Text("department"),
                Field.Text("admitted_from"), Field.Text("discharge_disposition"), Field.Text("specialty"), Field.Icd("principal_dx"), Field.Text("principal_procedure")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Start, Time), Formats.Time(r.End, Time), r.Ward, r.AdmittingUnit, r.FurtherTreatment,
                r.Specialty, r.Diagnosis, r.Procedure])
            {
                EventTime = r.Start,
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.UranusInpatient : null,
            });

    public static ITabularFeed Notes(IReadOnlyList<PersonProfile> people, IReadOnlyList<TextRecord> records) =>
        new TabularFeed<TextRecord>(
            Layout("patient_record_text", "apotti_notes.csv", Field.Hetu("patient_id"), Field.Event("note_time", Time), Field.Text("specialty"), Field.Text("note_type"),
                Field.Text("restricted_category"), Field.Required("note_text")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Specialty, r.TextType, r.Category, r.Text])
            {
                EventTime = r.Time,
                Code = r.TextType,
                ExcludedAs = r.Category is null ? null : ExclusionReasons.SexualAssault,
                Identifiers = r.Identifiers,
            });

    public static ITabularFeed Procedures(IReadOnlyList<PersonProfile> people, IReadOnlyList<ProcedureRecord> records) =>
        new TabularFeed<ProcedureRecord>(
            Layout("procedure", "apotti_procedures.csv", Field.Hetu("patient_id"), Field.Event("performed_at", Time), Field.Required("proc_code"), Field.Text("proc_name"), Field.Text("is_primary"),
                Field.Text("urgency"), Field.Text("duration_min"), Field.Text("anesthesia_type"), Field.Text("department")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Code, r.Name, r.Primary ? "Y" : "N",
                r.Emergency switch { true => "Emergency", false => "Elective", null => null }, r.DurationMinutes is { } minutes ? Formats.Integer(minutes) : null, r.Anesthesia, r.Unit])
            {
                EventTime = r.Time,
                Code = r.Code,
            });

    public static ITabularFeed Medications(IReadOnlyList<PersonProfile> people, IReadOnlyList<MedicationRecord> records) =>
        new TabularFeed<MedicationRecord>(
            Layout("medication", FeedFiles.ApottiMedications, Field.Hetu("patient_id"), Field.Event("ordered_at", Time), Field.Required("order_class"), Field.Text("atc_code"), Field.Text("medication_name"),
                Field.Text("dose"), Field.Text("route")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), "Prescription", r.Drug.Atc, r.Drug.Name, r.Drug.Dose, r.Drug.Route])
            {
                EventTime = r.Time,
                Code = r.Drug.Atc,
                DuplicateOf = r.IsCopy ? FeedFiles.UranusMedications : null,
            });

    public static ITabularFeed Flowsheets(IReadOnlyList<PersonProfile> people, IReadOnlyList<MeasurementRecord> records) =>
        new TabularFeed<MeasurementRecord>(
            Layout("basic_measurement", "apotti_flowsheets.csv.gz", Field.Hetu("patient_id"), Field.Event("recorded_at", Time), Field.Required("flo_meas_name"), Field.Required("meas_value"),
                Field.Text("unit"), Field.Text("department")) with { Gzip = true },
            records,
            r =>
            {
                var (name, unit, decimals) = Measure(r.Kind);
                return new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), name, Formats.Point(r.Value, decimals), unit, r.Unit])
                {
                    EventTime = r.Time,
                    Code = name,
                    Value = r.Value,
                };
            });

    public static ITabularFeed Imaging(IReadOnlyList<PersonProfile> people, IReadOnlyList<ImagingRecord> records) =>
        new TabularFeed<ImagingRecord>(
            Layout("imaging", "apotti_imaging.csv", Field.Hetu("patient_id"), Field.Text("accession_number"), Field.Event("exam_time", Time), Field.Text("proc_code"), Field.Text("modality"),
                Field.Text("order_question"), Field.Text("narrative")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), r.ExamNumber, Formats.Time(r.Time, Time), r.Exam.Code, r.Exam.Modality, r.Referral, r.Statement])
            {
                EventTime = r.Time,
                Code = r.Exam.Code,
            });

    private static (string Name, string Unit, int Decimals) Measure(Measurement kind) => kind switch
    {
        Measurement.SystolicPressure => ("BP Systolic", "mmHg", 0),
        Measurement.DiastolicPressure => ("BP Diastolic", "mmHg", 0),
        Measurement.Pulse => ("Pulse", "bpm", 0),
        Measurement.Weight => ("Weight", "kg", 1),
        Measurement.Height => ("Height", "cm", 1),
        Measurement.Temperature => ("Temp", "°C", 1),
        _ => ("SpO2", "%", 0),
    };

    private static string EncounterType(VisitKind kind) => kind switch
    {
        VisitKind.FirstVisit => "New Patient Visit",
        VisitKind.FollowUp => "Office Visit",
        VisitKind.Emergency => "Emergency",
        VisitKind.Phone => "Telephone",
        _ => "Hospital Encounter",
    };

    private static string ReferralClass(string uranusKind) => uranusKind switch
    {
        "Hoitoonotto" => "Admission",
        "Konsultaatio" => "Consult",
        _ => "Continuing Care",
    };

    private static string Hetu(IReadOnlyList<PersonProfile> people, int person) => people[person].Hetu.Value;

    private static FeedLayout Layout(string register, string fileName, params FeedField[] fields) =>
        new(SourceSystems.Apotti, register, fileName, FeedShape.Delimited, FeedEncodings.Utf8, fields);
}
