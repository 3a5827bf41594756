using System.Text;
using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>
/// Uranus patient background: Latin-1, semicolons, CRLF, Finnish dates and decimal commas,
/// as the old Windows-era system exported them. Broken rows belong to extra people outside
/// the population, so every real person has exactly one background row.
/// </summary>
internal sealed class UranusBackgroundFeed(IReadOnlyList<PersonProfile> people, PopulationBuilder outsiders, Random random) : IFeedRows
{
    public static readonly IReadOnlyList<string> Defects =
        [DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.TruncatedLine];

    private const char Delimiter = ';';
    private const string DateFormat = "dd.MM.yyyy";

    public FeedFormat Format { get; } = new(
        "Uranus",
        "patient_background",
        "uranus_patient_background.csv",
        Encoding.Latin1,
        "\r\n",
        "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY");

    public TruthRow WriteGood(TextWriter writer, int index, int line)
    {
        var person = people[index];
        WriteFirstFields(writer, person.Hetu.Value, person);
        WriteDate(writer, person.DeathDate);
        WriteRest(writer, person);
        return new TruthRow(line, person.Hetu.Value, null, null, null, null);
    }

    public TruthRow WriteDefect(TextWriter writer, string kind, int line)
    {
        var person = outsiders.CreatePerson();
        var hetu = kind == DefectKinds.InvalidHetu ? HetuTypo.WithWrongCheckCharacter(person.Hetu.Value, random) : person.Hetu.Value;
        WriteFirstFields(writer, hetu, person);
        switch (kind)
        {
            case DefectKinds.InvalidHetu:
                WriteDate(writer, person.DeathDate);
                WriteRest(writer, person);
                break;
            case DefectKinds.ImpossibleDate:
                var year = person.DeathDate?.Year ?? random.Next(2012, 2026);
                FieldWriter.Impossible(writer, year, SyntheticCalendar.ImpossibleDay(random, year), isoOrder: false);
                WriteRest(writer, person);
                break;
            case DefectKinds.TruncatedLine:
                // Cut after the third field, as a line lost in a broken transfer.
                WriteDate(writer, person.DeathDate);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defect of the background feed.");
        }

        return new TruthRow(line, hetu, kind, null, null, null);
    }

    private static void WriteFirstFields(TextWriter writer, string hetu, PersonProfile person)
    {
        writer.Write(hetu);
        writer.Write(Delimiter);
        writer.Write(person.Sex == Sex.Male ? '1' : '2');
        writer.Write(Delimiter);
    }

    private static void WriteDate(TextWriter writer, DateOnly? date)
    {
        if (date is { } value)
            FieldWriter.Date(writer, value, DateFormat);
    }

    private static void WriteRest(TextWriter writer, PersonProfile person)
    {
        writer.Write(Delimiter);
        writer.Write(person.Municipality);
        writer.Write(Delimiter);
        if (person.HeightCm is { } height)
            FieldWriter.DecimalComma(writer, height, 1);

        writer.Write(Delimiter);
        if (person.WeightKg is { } weight)
            FieldWriter.DecimalComma(writer, weight, 1);

        writer.Write(Delimiter);
        FieldWriter.Date(writer, person.Updated, DateFormat);
    }
}
