using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Uranus, the patient information system until Apotti: Windows-era exports in Latin-1 with
/// semicolons and CRLF, Finnish date-times to the minute, decimal commas, codes without dots.
/// </summary>
internal static class UranusFeeds
{
    private const string Time = Formats.FinnishTime;

    public static ITabularFeed Diagnoses(IReadOnlyList<PersonProfile> people, IReadOnlyList<DiagnosisRecord> records) =>
        new TabularFeed<DiagnosisRecord>(
            Layout("diagnosis", "uranus_diagnoses.csv", Field.Hetu("HETU"), Field.Icd("DGKOODI", required: true), Field.Text("DGTYYPPI"), Field.Event("KIRJAUSAIKA", Time), Field.Text("YKSIKKO"), Field.Text("ERIKOISALA")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), r.Code.Undotted, r.Primary ? "P" : "S", Formats.Time(r.Time, Time), Unit(r.Department), r.Specialty])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Code.Code,
                DuplicateOf = r.IsCopy ? FeedFiles.ApottiDiagnoses : null,
            });

    public static ITabularFeed Visits(IReadOnlyList<PersonProfile> people, IReadOnlyList<VisitRecord> records) =>
        new TabularFeed<VisitRecord>(
            Layout("visit", FeedFiles.UranusVisits, Field.Hetu("HETU"), Field.Event("KAYNTIAIKA", Time), Field.Text("YKSIKKO"), Field.Text("ERIKOISALA"), Field.Text("KAYNTITYYPPI"), Field.Icd("PAADG"), Field.Text("JATKOHOITO")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), Unit(r.Department), r.Specialty, VisitType(r.Kind), r.Diagnosis.Replace(".", "", StringComparison.Ordinal), r.FurtherTreatment])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.ApottiVisits : null,
            });

    public static ITabularFeed Referrals(IReadOnlyList<PersonProfile> people, IReadOnlyList<ReferralRecord> records) =>
        new TabularFeed<ReferralRecord>(
            Layout("referral", FeedFiles.UranusReferrals, Field.Hetu("HETU"), Field.Event("LAHETEPVM", Formats.FinnishDate), Field.Text("LAHETTAJA"), Field.Text("LAHETTAVA_YKSIKKO"),
                Field.Text("VASTAANOTTAJA"), Field.Text("KASITELTY"), Field.Icd("LAHETEDG"), Field.Text("LAHETETYYPPI")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Date(r.Date, Formats.FinnishDate), r.ReferringUnit, r.ReferringDepartment, Unit(r.ReceivingUnit),
                Formats.Date(r.Approved, Formats.FinnishDate), r.Diagnosis.Replace(".", "", StringComparison.Ordinal), r.Kind])
            {
                EventTime = r.Date.ToDateTime(TimeOnly.MinValue),
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.ApottiReferrals : null,
            });

    public static ITabularFeed InpatientPeriods(IReadOnlyList<PersonProfile> people, IReadOnlyList<InpatientRecord> records) =>
        new TabularFeed<InpatientRecord>(
            Layout("inpatient_period", FeedFiles.UranusInpatient, Field.Hetu("HETU"), Field.Event("TULOAIKA", Time), Field.Text("LAHTOAIKA"), Field.Text("OSASTO"), Field.Text("TULOYKSIKKO"),
                Field.Text("JATKOHOITO"), Field.Text("ERIKOISALA"), Field.Icd("PAADG"), Field.Text("PAATMP")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Start, Time), Formats.Time(r.End, Time), Unit(r.Ward), Unit(r.AdmittingUnit),
                r.FurtherTreatment, r.Specialty, r.Diagnosis.Replace(".", "", StringComparison.Ordinal), r.Procedure])
            {
                EventTime = Formats.ToMinute(r.Start),
                Code = r.Diagnosis,
                DuplicateOf = r.IsCopy ? FeedFiles.ApottiInpatient : null,
            });

    public static ITabularFeed Texts(IReadOnlyList<PersonProfile> people, IReadOnlyList<TextRecord> records) =>
        new TabularFeed<TextRecord>(
            Layout("patient_record_text", "uranus_record_texts.csv", Field.Hetu("HETU"), Field.Event("KIRJAUSAIKA", Time), Field.Text("ERIKOISALA"), Field.Text("TEKSTITYYPPI"), Field.Text("KATEGORIA"), Field.Required("TEKSTI")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Specialty, r.TextType, r.Category, r.Text])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.TextType,
                ExcludedAs = r.Category is null ? null : ExclusionReasons.SexualAssault,
                Identifiers = r.Identifiers,
            });

    public static ITabularFeed Procedures(IReadOnlyList<PersonProfile> people, IReadOnlyList<ProcedureRecord> records) =>
        new TabularFeed<ProcedureRecord>(
            Layout("procedure", "uranus_procedures.csv", Field.Hetu("HETU"), Field.Event("TMPAIKA", Time), Field.Required("TMPKOODI"), Field.Text("TMPNIMI"), Field.Text("PAASIVU"), Field.Text("YKSIKKO")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Code, r.Name, r.Primary ? "P" : "S", Unit(r.Unit)])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Code,
            });

    public static ITabularFeed Medications(IReadOnlyList<PersonProfile> people, IReadOnlyList<MedicationRecord> records) =>
        new TabularFeed<MedicationRecord>(
            Layout("medication", FeedFiles.UranusMedications, Field.Hetu("HETU"), Field.Event("AIKA", Time), Field.Required("MERKINTA"), Field.Text("ATC"), Field.Text("VALMISTE"), Field.Text("ANNOS"), Field.Text("ANTOREITTI")),
            records,
            r => new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), r.Entry == MedicationEntry.Prescription ? "RESEPTI" : "ANTO", r.Drug.Atc, r.Drug.Name, r.Drug.Dose, r.Drug.Route])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Drug.Atc,
                DuplicateOf = r.IsCopy ? FeedFiles.ApottiMedications : null,
            });

    public static ITabularFeed Measurements(IReadOnlyList<PersonProfile> people, IReadOnlyList<MeasurementRecord> records) =>
        new TabularFeed<MeasurementRecord>(
            Layout("basic_measurement", "uranus_measurements.csv", Field.Hetu("HETU"), Field.Event("MITTAUSAIKA", Time), Field.Required("MITTAUS"), Field.Required("ARVO"), Field.Text("MITTAYKSIKKO"), Field.Text("KIRJAAJA"))
                with { WrongEncoding = ("MITTAUS", "LÄMPÖ") },
            records,
            r =>
            {
                var (name, unit, decimals) = Measure(r.Kind);
                return new FeedRow(Hetu(people, r.Person), [Hetu(people, r.Person), Formats.Time(r.Time, Time), name, Formats.Comma(r.Value, decimals), unit, Unit(r.Unit)])
                {
                    EventTime = Formats.ToMinute(r.Time),
                    Code = name,
                    Value = r.Value,
                };
            });

    /// <summary>Uranus' own measurement codes; the descriptor maps them to the register's names.</summary>
    public static (string Name, string Unit, int Decimals) Measure(Measurement kind) => kind switch
    {
        Measurement.SystolicPressure => ("RR_SYST", "mmHg", 0),
        Measurement.DiastolicPressure => ("RR_DIAST", "mmHg", 0),
        Measurement.Pulse => ("SYKE", "/min", 0),
        Measurement.Weight => ("PAINO", "kg", 1),
        Measurement.Height => ("PITUUS", "cm", 1),
        Measurement.Temperature => ("LÄMPÖ", "°C", 1),
        _ => ("SPO2", "%", 0),
    };

    private static string VisitType(VisitKind kind) => kind switch
    {
        VisitKind.FirstVisit => "Ensikäynti",
        VisitKind.FollowUp => "Uusintakäynti",
        VisitKind.Emergency => "Päivystyskäynti",
        VisitKind.Phone => "Puhelinkontakti",
        _ => "Synnytys",
    };

    /// <summary>Uranus wrote unit names in capitals without the comma Apotti puts before the site.</summary>
    private static string Unit(string department) => department.Replace(", ", " ", StringComparison.Ordinal).ToUpperInvariant();

    private static string Hetu(IReadOnlyList<PersonProfile> people, int person) => people[person].Hetu.Value;

    private static FeedLayout Layout(string register, string fileName, params FeedField[] fields) =>
        new(SourceSystems.Uranus, register, fileName, FeedShape.Delimited, FeedEncodings.Latin1, fields) { Delimiter = ';', NewLine = "\r\n" };
}
