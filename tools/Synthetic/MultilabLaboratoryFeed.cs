namespace Lake.Synthetic;

/// <summary>
/// Multilab results: UTF-8 TSV without quoting, Finnish timestamps to the minute, results with
/// a decimal comma or, for qualitative tests, the words neg and pos.
/// </summary>
internal sealed class MultilabLaboratoryFeed(IReadOnlyList<PersonProfile> people, IReadOnlyList<LabEvent> events, Random random) : IFeedRows
{
    public static readonly IReadOnlyList<string> Defects =
    [
        DefectKinds.InvalidHetu,
        DefectKinds.ImpossibleDate,
        DefectKinds.MissingRequired,
        DefectKinds.TruncatedLine,
    ];

    private const char Delimiter = '\t';
    private const string TimeFormat = "dd.MM.yyyy HH:mm";

    public FeedFormat Format { get; } = new(
        "Multilab",
        "laboratory",
        "multilab_laboratory.tsv",
        FeedFile.Utf8WithoutBom,
        "\n",
        "HETU\tTUTKIMUSNRO\tLYHENNE\tNAYTTEENOTTOAIKA\tTULOS\tYKSIKKO\tTILAAJA");

    public TruthRow WriteGood(TextWriter writer, int index, int line)
    {
        var result = events[index];
        var hetu = people[result.PersonIndex].Hetu.Value;
        WriteRow(writer, hetu, result, writeNumber: true, writeTime: true);
        return new TruthRow(line, hetu, null, result.Time, result.Test.Number, result.Test.IsQualitative ? null : result.Value);
    }

    public TruthRow WriteDefect(TextWriter writer, string kind, int line)
    {
        // A broken row looks like a real one: it is copied from a random good row first.
        var template = events[random.Next(events.Count)];
        var hetu = people[template.PersonIndex].Hetu.Value;
        switch (kind)
        {
            case DefectKinds.InvalidHetu:
                hetu = HetuTypo.WithWrongCheckCharacter(hetu, random);
                WriteRow(writer, hetu, template, writeNumber: true, writeTime: true);
                break;
            case DefectKinds.ImpossibleDate:
                WriteRow(writer, hetu, template, writeNumber: true, writeTime: false);
                break;
            case DefectKinds.MissingRequired:
                WriteRow(writer, hetu, template, writeNumber: false, writeTime: true);
                break;
            case DefectKinds.TruncatedLine:
                writer.Write(hetu);
                writer.Write(Delimiter);
                writer.Write(template.Test.Number);
                writer.Write(Delimiter);
                writer.Write(template.Test.Abbreviation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defect of the laboratory feed.");
        }

        return new TruthRow(line, hetu, kind, null, null, null);
    }

    private void WriteRow(TextWriter writer, string hetu, LabEvent result, bool writeNumber, bool writeTime)
    {
        writer.Write(hetu);
        writer.Write(Delimiter);
        if (writeNumber)
            writer.Write(result.Test.Number);

        writer.Write(Delimiter);
        writer.Write(result.Test.Abbreviation);
        writer.Write(Delimiter);
        if (writeTime)
        {
            FieldWriter.DateTime(writer, result.Time, TimeFormat);
        }
        else
        {
            var year = result.Time.Year;
            FieldWriter.Impossible(writer, year, SyntheticCalendar.ImpossibleDay(random, year), isoOrder: false);
            FieldWriter.DateTime(writer, result.Time, " HH:mm");
        }

        writer.Write(Delimiter);
        if (result.Test.IsQualitative)
            writer.Write(result.Value > 0 ? "pos" : "neg");
        else
            FieldWriter.DecimalComma(writer, result.Value, result.Test.Decimals);

        writer.Write(Delimiter);
        writer.Write(result.Test.Unit);
        writer.Write(Delimiter);
        writer.Write(result.Orderer);
    }
}
