using System.Globalization;
using nietras.SeparatedValues;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    [TestCase(FeedReader.Background, "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY")]
    [TestCase(FeedReader.Diagnoses, "patient_id,dx_code,dx_type,recorded_at,department,specialty")]
    [TestCase(FeedReader.Laboratory, "HETU\tTUTKIMUSNRO\tLYHENNE\tNAYTTEENOTTOAIKA\tTULOS\tYKSIKKO\tTILAAJA")]
    public void Write_Feed_StartsWithSpecifiedHeader(string fileName, string header)
    {
        Assert.That(FeedReader.Lines(_folder.Path, fileName)[0], Is.EqualTo(header));
    }

    [Test]
    public void Write_BackgroundFeed_IsLatin1WithCrLf()
    {
        var bytes = File.ReadAllBytes(_folder.File(FeedReader.Background));

        // "ä" in Järvenpää, Hyvinkää, Mäntsälä, Hämeenlinna: one 0xE4 byte, never UTF-8's 0xC3 0xA4.
        Assert.That(Array.IndexOf(bytes, (byte)0xE4), Is.GreaterThan(0));
        Assert.That(bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0xA4]), Is.EqualTo(-1));
        var lineFeeds = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'\n').ToList();
        Assert.That(lineFeeds, Has.Count.EqualTo(_truth.Feed(FeedReader.Background).Rows.Count + 1));
        Assert.That(lineFeeds.Count(i => i > 0 && bytes[i - 1] == (byte)'\r'), Is.EqualTo(lineFeeds.Count), "every LF follows a CR");
        Assert.That(bytes[^2..], Is.EqualTo("\r\n"u8.ToArray()));
    }

    [TestCase(FeedReader.Diagnoses)]
    [TestCase(FeedReader.Laboratory)]
    public void Write_ModernFeed_IsUtf8WithoutBomAndLf(string fileName)
    {
        var bytes = File.ReadAllBytes(_folder.File(fileName));

        Assert.That(bytes[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Array.IndexOf(bytes, (byte)'\r'), Is.EqualTo(-1));
        Assert.That(bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0xA4]), Is.GreaterThan(0), "an ä encoded as UTF-8");
        Assert.That(() => FeedReader.Lines(_folder.Path, fileName), Throws.Nothing, "strict UTF-8 decoding");
        Assert.That(bytes[^1], Is.EqualTo((byte)'\n'));
    }

    [TestCase(FeedReader.Background)]
    [TestCase(FeedReader.Diagnoses)]
    [TestCase(FeedReader.Laboratory)]
    public void Write_TruthRows_MatchFileLines(string fileName)
    {
        var lines = FeedReader.Lines(_folder.Path, fileName);
        var rows = _truth.Feed(fileName).Rows;

        Assert.That(lines, Has.Length.EqualTo(rows.Count + 1));
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(Enumerable.Range(2, rows.Count)));
        foreach (var row in rows)
            Assert.That(FeedReader.Fields(lines[row.Line - 1], fileName)[0], Is.EqualTo(row.Hetu), $"line {row.Line}");
    }

    [Test]
    public void Write_DiagnosisCsv_RoundTripsThroughRfc4180Reader()
    {
        var rows = _truth.Feed(FeedReader.Diagnoses).Rows.ToDictionary(r => r.Line);
        var departments = new List<string>();
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(_folder.File(FeedReader.Diagnoses));

        Assert.That(reader.Header.ColNames, Is.EqualTo(new[] { "patient_id", "dx_code", "dx_type", "recorded_at", "department", "specialty" }));
        var read = 0;
        foreach (var record in reader)
        {
            var truth = rows[record.LineNumberFrom];
            read++;
            Assert.That(record[0].ToString(), Is.EqualTo(truth.Hetu));
            if (truth.Defect is not null)
                continue;

            Assert.That(record.ColCount, Is.EqualTo(6), $"line {truth.Line}");
            Assert.That(FeedReader.CanonicalIcd(record[1].ToString()), Is.EqualTo(truth.Code));
            Assert.That(record[2].ToString(), Is.EqualTo("primary").Or.EqualTo("secondary"));
            Assert.That(DateTime.ParseExact(record[3].Span, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), Is.EqualTo(truth.EventTime));
            departments.Add(record[4].ToString());
        }

        Assert.That(read, Is.EqualTo(rows.Count));
        Assert.That(departments, Does.Contain("Sisätaudit, Meilahti"));
        Assert.That(departments.Any(d => d.Contains('"', StringComparison.Ordinal)), Is.True, "a department with an escaped quote");
    }

    [Test]
    public void Write_BackgroundGoodRows_ParseAsSpecified()
    {
        var lines = FeedReader.Lines(_folder.Path, FeedReader.Background);
        var people = _truth.People.ToDictionary(p => p.Hetu);
        var withBody = 0;

        foreach (var row in _truth.Feed(FeedReader.Background).GoodRows())
        {
            var fields = FeedReader.Fields(lines[row.Line - 1], FeedReader.Background);
            var person = people[row.Hetu];
            Assert.That(fields, Has.Length.EqualTo(7), $"line {row.Line}");
            Assert.That(fields[1], Is.EqualTo(person.Sex == "male" ? "1" : "2"));
            Assert.That(fields[2], Is.EqualTo(person.DeathDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? ""));
            Assert.That(fields[3], Is.EqualTo(person.Municipality));
            Assert.That(fields[4] == "", Is.EqualTo(fields[5] == ""), "height and weight come together");
            if (fields[4] != "")
            {
                withBody++;
                Assert.That(fields[4], Does.Match(@"^\d{2,3},\d$"));
                Assert.That(fields[5], Does.Match(@"^\d{1,3},\d$"));
                Assert.That(DecimalComma(fields[4]), Is.InRange(40.0, 210.0));
            }

            var updated = DateOnly.ParseExact(fields[6], "dd.MM.yyyy", CultureInfo.InvariantCulture);
            Assert.That(updated, Is.InRange(new DateOnly(2004, 1, 1), new DateOnly(2020, 12, 31)));
            Assert.That(updated, Is.GreaterThanOrEqualTo(person.BirthDate));
        }

        Assert.That(withBody / (double)_truth.People.Count, Is.InRange(0.3, 0.5), "about 60% have no height and weight");
    }

    [Test]
    public void Write_LaboratoryGoodRows_ParseToTruth()
    {
        var lines = FeedReader.Lines(_folder.Path, FeedReader.Laboratory);

        foreach (var row in _truth.Feed(FeedReader.Laboratory).GoodRows())
        {
            var fields = FeedReader.Fields(lines[row.Line - 1], FeedReader.Laboratory);
            Assert.That(fields, Has.Length.EqualTo(7), $"line {row.Line}");
            Assert.That(fields[1], Is.EqualTo(row.Code).And.Match(@"^\d+$"));
            Assert.That(DateTime.ParseExact(fields[3], "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture), Is.EqualTo(row.EventTime));
            if (row.Value is { } value)
            {
                Assert.That(fields[4], Does.Match(@"^\d+(,\d)?$"));
                Assert.That(DecimalComma(fields[4]), Is.EqualTo(value));
                Assert.That(fields[5], Is.Not.Empty);
            }
            else
            {
                Assert.That(fields[4], Is.EqualTo("neg").Or.EqualTo("pos"));
                Assert.That(fields[2], Is.EqualTo("U -Seul"));
            }

            Assert.That(fields[6], Is.Not.Empty);
        }
    }

    [Test]
    public void Write_DiagnosisCodes_MixDottedUndottedAndLowerCase()
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(_folder.File(FeedReader.Diagnoses));
        var good = _truth.Feed(FeedReader.Diagnoses).GoodRows().Select(r => r.Line).ToHashSet();
        var dotted = 0;
        var undotted = 0;
        var lowerCase = 0;
        foreach (var record in reader)
        {
            if (!good.Contains(record.LineNumberFrom))
                continue;

            var code = record[1].ToString();
            Assert.That(code, Does.Match(@"^[A-Za-z]\d{2}(\.?[0-9A-Za-z]+)?$"));
            if (code != code.ToUpperInvariant())
                lowerCase++;
            else if (code.Length > 3 && !code.Contains('.', StringComparison.Ordinal))
                undotted++;
            else if (code.Contains('.', StringComparison.Ordinal))
                dotted++;
        }

        // Undotted spelling shows only on codes longer than three characters, most of them.
        Assert.That(undotted / (double)good.Count, Is.InRange(0.02, 0.07));
        Assert.That(lowerCase / (double)good.Count, Is.InRange(0.015, 0.045));
        Assert.That(dotted / (double)good.Count, Is.GreaterThan(0.6));
    }

    // Parsed by hand rather than with the fi-FI culture, so the test needs no ICU data.
    private static double DecimalComma(string text) => double.Parse(text.Replace(',', '.'), CultureInfo.InvariantCulture);
}
