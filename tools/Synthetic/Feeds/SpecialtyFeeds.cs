using System.Text;
using Lake.Synthetic.Care;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// The departmental systems, each exporting in its own way: MUSE pipe-separated UTF-8, Qpati fixed
/// width Latin-1, Opera tab-separated UTF-8 with a byte order mark, Kemokur and Obstetrix Latin-1 CSV,
/// Marela Windows-1252 CSV, the radiology systems Latin-1 (Mustiradu) and UTF-8 (HUSRadu).
/// </summary>
internal static class SpecialtyFeeds
{
    private static readonly string[] EcgCodes = ["ECG_VRATE", "ECG_PR", "ECG_QRSD", "ECG_QTC", "ECG_DX"];
    private static readonly string[] EcgNames = ["Kammiotaajuus", "PR-aika", "QRS-kesto", "QTc-aika", "EKG-tulkinta"];

    /// <summary>MUSE reports one row per measurement of an ECG; atrial fibrillation has no PR interval, so no PR row.</summary>
    public static ITabularFeed MuseEcg(IReadOnlyList<PersonProfile> people, IReadOnlyList<EcgRecord> records)
    {
        var rows = records.SelectMany(r => Enumerable.Range(0, EcgCodes.Length).Where(i => i != 1 || r.PrInterval > 0).Select(i => (Ecg: r, Measure: i))).ToList();
        var layout = new FeedLayout(SourceSystems.Muse, "laboratory", "muse_ecg.txt", FeedShape.Delimited, FeedEncodings.Utf8,
            [Field.Hetu("PatientID"), Field.Event("AcquisitionDateTime", "yyyy-MM-dd HH:mm:ss"), Field.Required("TestCode"), Field.Text("TestName"), Field.Text("Result"), Field.Text("Units"), Field.Text("Location")])
        {
            Delimiter = '|',
        };
        return new TabularFeed<(EcgRecord Ecg, int Measure)>(layout, rows, row =>
        {
            var (ecg, measure) = row;
            double? value = measure switch { 0 => ecg.Rate, 1 => ecg.PrInterval, 2 => ecg.QrsDuration, 3 => ecg.QtcInterval, _ => null };
            var hetu = people[ecg.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, Formats.Time(ecg.Time, "yyyy-MM-dd HH:mm:ss"), EcgCodes[measure], EcgNames[measure],
                value is { } number ? Formats.Point(number, 0) : ecg.Interpretation, measure == 0 ? "bpm" : value is null ? null : "ms", ecg.Location])
            {
                EventTime = ecg.Time,
                Code = EcgCodes[measure],
                Value = value,
            };
        });
    }

    /// <summary>Qpati, a 1980s design: fixed-width Latin-1 lines without a header, time stamps as yyyyMMddHHmm.</summary>
    public static ITabularFeed QpatiPathology(IReadOnlyList<PersonProfile> people, IReadOnlyList<PathologyRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Qpati, "pathology", "qpati_pathology.dat", FeedShape.FixedWidth, FeedEncodings.Latin1,
            [Field.Hetu("HETU") with { Width = 11 }, Field.Text("NAYTENRO") with { Width = 12 }, Field.Event("OTTOAIKA", "yyyyMMddHHmm") with { Width = 12 },
             Field.Text("TUTKIMUS") with { Width = 34 }, Field.Text("SNOMED") with { Width = 24 }, Field.Text("LAUSUNTO") with { Width = 100 }])
        {
            NewLine = "\r\n",
            Header = false,
        };
        return new TabularFeed<PathologyRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, r.SampleNumber, Formats.Time(r.Time, "yyyyMMddHHmm"), r.Specimen.Examination, r.Specimen.Snomed, r.Specimen.Statement])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Specimen.Snomed,
            };
        });
    }

    /// <summary>Opera, the operating theatre system 2005-2020.</summary>
    public static ITabularFeed OperaOperations(IReadOnlyList<PersonProfile> people, IReadOnlyList<ProcedureRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Opera, "procedure", "opera_operations.tsv", FeedShape.Delimited, FeedEncodings.Utf8WithBom,
            [Field.Hetu("Henkilötunnus"), Field.Event("Leikkaus alkoi", "yyyy-MM-dd HH:mm"), Field.Required("Toimenpidekoodi"), Field.Text("Toimenpide"), Field.Text("Kiireellisyys"),
             Field.Text("Kesto (min)"), Field.Text("Anestesia"), Field.Text("Yksikkö")])
        {
            Delimiter = '\t',
            NewLine = "\r\n",
        };
        return new TabularFeed<ProcedureRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, Formats.Time(r.Time, "yyyy-MM-dd HH:mm"), r.Code, r.Name, r.Emergency == true ? "Päivystys" : "Elektiivinen",
                r.DurationMinutes is { } minutes ? Formats.Integer(minutes) : null, r.Anesthesia, r.Unit])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Code,
                Value = r.DurationMinutes,
            };
        });
    }

    public static ITabularFeed KemokurCourses(IReadOnlyList<PersonProfile> people, IReadOnlyList<MedicationRecord> records) =>
        Medication(SourceSystems.Kemokur, "kemokur_courses.csv", FeedEncodings.Latin1, people, records, r => r.Entry == MedicationEntry.Course ? "KUURI" : "ANTO");

    /// <summary>Marela's orders carry the pharmacy's product names and dose texts with Windows-1252 dashes.</summary>
    public static ITabularFeed MarelaOrders(IReadOnlyList<PersonProfile> people, IReadOnlyList<MedicationRecord> records) =>
        Medication(SourceSystems.Marela, "marela_orders.csv", FeedEncodings.Windows1252, people, records, _ => null);

    public static ITabularFeed ObstetrixBirths(IReadOnlyList<PersonProfile> people, IReadOnlyList<BirthRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Obstetrix, "childbirth", "obstetrix_births.csv", FeedShape.Delimited, FeedEncodings.Latin1,
            [Field.Hetu("HETU_AITI"), Field.Event("SYNTYMAAIKA", Formats.FinnishTime), Field.Text("RASKAUSVIIKOT"), Field.Text("SYNTYMAPAINO"), Field.Text("SYNNYTYSTAPA"), Field.Text("AIEMMAT_SYNNYTYKSET")])
        {
            Delimiter = ';',
            NewLine = "\r\n",
        };
        return new TabularFeed<BirthRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            var mode = r.Mode switch
            {
                DeliveryMode.Vaginal => "Alatie",
                DeliveryMode.Vacuum => "Imukuppi",
                DeliveryMode.ElectiveCaesarean => "Suunniteltu sektio",
                _ => "Kiireellinen sektio",
            };
            return new FeedRow(hetu, [hetu, Formats.Time(r.Time, Formats.FinnishTime), Formats.Integer(r.GestationalWeeks), Formats.Integer(r.WeightGrams), mode, Formats.Integer(r.Parity)])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = mode,
                Value = r.WeightGrams,
            };
        });
    }

    public static ITabularFeed MustiraduExams(IReadOnlyList<PersonProfile> people, IReadOnlyList<ImagingRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.Mustiradu, "imaging", "mustiradu_exams.csv", FeedShape.Delimited, FeedEncodings.Latin1,
            [Field.Hetu("HETU"), Field.Text("TUTKNRO"), Field.Event("TUTKAIKA", Formats.FinnishTime), Field.Text("TUTKKOODI"), Field.Text("TUTKNIMI"), Field.Text("MODALITEETTI"), Field.Text("LAHETE"), Field.Text("LAUSUNTO")])
        {
            Delimiter = ';',
            NewLine = "\r\n",
        };
        return new TabularFeed<ImagingRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, r.ExamNumber, Formats.Time(r.Time, Formats.FinnishTime), r.Exam.Code, r.Exam.Name, r.Exam.FinnishModality, r.Referral, r.Statement])
            {
                EventTime = Formats.ToMinute(r.Time),
                Code = r.Exam.Code,
            };
        });
    }

    public static ITabularFeed HusRaduExams(IReadOnlyList<PersonProfile> people, IReadOnlyList<ImagingRecord> records)
    {
        var layout = new FeedLayout(SourceSystems.HusRadu, "imaging", "husradu_exams.csv", FeedShape.Delimited, FeedEncodings.Utf8,
            [Field.Hetu("ssn"), Field.Text("accession"), Field.Event("exam_start", "yyyy-MM-dd HH:mm:ss"), Field.Text("exam_code"), Field.Text("exam_name"), Field.Text("modality"), Field.Text("referral_text"), Field.Text("report_text")])
        {
            Delimiter = ';',
        };
        return new TabularFeed<ImagingRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            return new FeedRow(hetu, [hetu, r.ExamNumber, Formats.Time(r.Time, "yyyy-MM-dd HH:mm:ss"), r.Exam.Code, r.Exam.Name, r.Exam.Modality, r.Referral, r.Statement])
            {
                EventTime = r.Time,
                Code = r.Exam.Code,
            };
        });
    }

    private static ITabularFeed Medication(string system, string fileName, Encoding encoding, IReadOnlyList<PersonProfile> people, IReadOnlyList<MedicationRecord> records, Func<MedicationRecord, string?> entry)
    {
        var kemokur = system == SourceSystems.Kemokur;
        FeedField[] fields = kemokur
            ? [Field.Hetu("HETU"), Field.Event("ANTOAIKA", Formats.FinnishTime), Field.Required("TAPAHTUMA"), Field.Text("ATC"), Field.Text("VALMISTE"), Field.Text("ANNOS"), Field.Text("ANTOTAPA")]
            : [Field.Hetu("HETU"), Field.Event("TILATTU", Formats.FinnishTime), Field.Text("ATC"), Field.Text("TUOTE"), Field.Text("ANNOSTUS"), Field.Text("ANTOTAPA")];
        var layout = new FeedLayout(system, "medication", fileName, FeedShape.Delimited, encoding, fields) { Delimiter = ';', NewLine = "\r\n" };
        return new TabularFeed<MedicationRecord>(layout, records, r =>
        {
            var hetu = people[r.Person].Hetu.Value;
            var time = Formats.Time(r.Time, Formats.FinnishTime);
            string?[] values = kemokur
                ? [hetu, time, entry(r), r.Drug.Atc, r.Drug.Name, r.Drug.Dose, r.Drug.Route]
                : [hetu, time, r.Drug.Atc, r.Drug.Name, r.Drug.Dose, r.Drug.Route];
            return new FeedRow(hetu, values) { EventTime = Formats.ToMinute(r.Time), Code = r.Drug.Atc };
        });
    }
}
