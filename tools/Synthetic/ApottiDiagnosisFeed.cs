namespace Lake.Synthetic;

/// <summary>
/// Apotti diagnoses: UTF-8 CSV with RFC 4180 quoting, ISO timestamps, and ICD-10 codes
/// spelled as real exports spell them (dotted, undotted, now and then lower case).
/// </summary>
internal sealed class ApottiDiagnosisFeed(IReadOnlyList<PersonProfile> people, IReadOnlyList<DiagnosisEvent> events, Random random) : IFeedRows
{
    public static readonly IReadOnlyList<string> Defects =
    [
        DefectKinds.InvalidHetu,
        DefectKinds.ImpossibleDate,
        DefectKinds.MalformedCode,
        DefectKinds.MissingRequired,
        DefectKinds.TruncatedLine,
    ];

    private const char Delimiter = ',';
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss";

    // None is letter + two digits: not even case or dot fixes would make them ICD-10.
    private static readonly string[] MalformedCodes = ["E1", "123", "EE11", "I1O", "J4", "1E11"];

    public FeedFormat Format { get; } = new(
        "Apotti",
        "diagnosis",
        "apotti_diagnoses.csv",
        FeedFile.Utf8WithoutBom,
        "\n",
        "patient_id,dx_code,dx_type,recorded_at,department,specialty");

    public TruthRow WriteGood(TextWriter writer, int index, int line)
    {
        var diagnosis = events[index];
        var hetu = people[diagnosis.PersonIndex].Hetu.Value;
        var code = diagnosis.Variant switch
        {
            CodeVariant.Undotted => diagnosis.Code.Undotted,
            CodeVariant.LowerCase => diagnosis.Code.Code.ToLowerInvariant(),
            _ => diagnosis.Code.Code,
        };
        WriteRow(writer, hetu, code, diagnosis, writeTime: true);
        return new TruthRow(line, hetu, null, diagnosis.Time, diagnosis.Code.Code, null);
    }

    public TruthRow WriteDefect(TextWriter writer, string kind, int line)
    {
        // A broken row looks like a real one: it is copied from a random good row first.
        var template = events[random.Next(events.Count)];
        var hetu = people[template.PersonIndex].Hetu.Value;
        var code = template.Code.Code;
        switch (kind)
        {
            case DefectKinds.InvalidHetu:
                hetu = HetuTypo.WithWrongCheckCharacter(hetu, random);
                WriteRow(writer, hetu, code, template, writeTime: true);
                break;
            case DefectKinds.ImpossibleDate:
                WriteRow(writer, hetu, code, template, writeTime: false);
                break;
            case DefectKinds.MalformedCode:
                WriteRow(writer, hetu, random.Pick(MalformedCodes), template, writeTime: true);
                break;
            case DefectKinds.MissingRequired:
                WriteRow(writer, hetu, "", template, writeTime: true);
                break;
            case DefectKinds.TruncatedLine:
                writer.Write(hetu);
                writer.Write(Delimiter);
                writer.Write(code);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defect of the diagnosis feed.");
        }

        return new TruthRow(line, hetu, kind, null, null, null);
    }

    private void WriteRow(TextWriter writer, string hetu, string code, DiagnosisEvent diagnosis, bool writeTime)
    {
        writer.Write(hetu);
        writer.Write(Delimiter);
        writer.Write(code);
        writer.Write(Delimiter);
        writer.Write(diagnosis.IsPrimary ? "primary" : "secondary");
        writer.Write(Delimiter);
        if (writeTime)
        {
            FieldWriter.DateTime(writer, diagnosis.Time, TimeFormat);
        }
        else
        {
            var year = diagnosis.Time.Year;
            FieldWriter.Impossible(writer, year, SyntheticCalendar.ImpossibleDay(random, year), isoOrder: true);
            FieldWriter.DateTime(writer, diagnosis.Time, "'T'HH:mm:ss");
        }

        writer.Write(Delimiter);
        FieldWriter.Rfc4180(writer, diagnosis.Department, Delimiter);
        writer.Write(Delimiter);
        FieldWriter.Rfc4180(writer, diagnosis.Specialty, Delimiter);
    }
}
