using System.Globalization;
using System.Text.RegularExpressions;
using Lake.Contracts.Registers;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private static readonly string[] SingleByteLatinFeeds =
        ["uranus_visits.csv", "uranus_record_texts.csv", "qpati_pathology.dat", "kemokur_courses.csv", "obstetrix_births.csv", "mustiradu_exams.csv", "icu_clinisoft_meilahti.csv"];

    [Test]
    public void Write_EveryPatientRegisterAndQualityRegistry_HasAFeedWithRows()
    {
        var rows = _truth.Feeds.GroupBy(f => f.Register).ToDictionary(g => g.Key, g => g.Sum(f => f.Rows.Count(r => r.ReachesLake)));

        Assert.That(RegisterCatalog.Shipped.All.Select(r => r.Name).Where(r => rows.GetValueOrDefault(r) == 0), Is.Empty);
    }

    [Test]
    public void Write_EverySourceSystemOfTheCatalog_HasAFeed()
    {
        var written = _truth.Feeds.Select(f => (f.SourceSystem, f.Register)).ToHashSet();
        var catalog = RegisterCatalog.Shipped.All.SelectMany(r => r.Sources.Select(s => (s.System, r.Name))).ToHashSet();

        // Apotti's diagnoses and the rest: every system a register names feeds that register.
        Assert.That(catalog.Where(c => !written.Contains(c)), Is.Empty);
        Assert.That(written.Where(w => !catalog.Contains(w)), Is.Empty);
    }

    [Test]
    public void Write_EveryFeed_HasTheTruthsRecordsOnTheTruthsLines()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var feed in _truth.Feeds)
            {
                var records = AnyFeed.Records(_folder.Path, feed.FileName);
                Assert.That(records.Keys.Order(), Is.EqualTo(feed.Rows.Select(r => r.Line)), feed.FileName);
                foreach (var row in feed.Rows.Where(r => r.Defect is null or DefectKinds.InvalidHetu))
                    Assert.That(records[row.Line]?[0], Is.EqualTo(row.Hetu), $"{feed.FileName} line {row.Line}");
            }
        }
    }

    [Test]
    public void Write_EveryFeed_GoodRecordsHaveTheFieldsOfTheFirst()
    {
        foreach (var feed in _truth.Feeds.Where(f => f.Rows.Count > 0))
        {
            var records = AnyFeed.Records(_folder.Path, feed.FileName);
            var width = records[feed.Rows.First(r => r.Defect is null).Line]!.Length;
            Assert.That(feed.Rows.Where(r => r.Defect is null).Select(r => records[r.Line]!.Length), Is.All.EqualTo(width), feed.FileName);
        }
    }

    [TestCaseSource(nameof(SingleByteLatinFeeds))]
    public void Write_OldSystemFeed_IsLatin1WithCrLf(string fileName)
    {
        var bytes = File.ReadAllBytes(_folder.File(fileName));

        // "ä" as one 0xE4 byte, never UTF-8's 0xC3 0xA4 (the wrong-encoding defects are only in the measurements).
        if (fileName is not ("kemokur_courses.csv" or "obstetrix_births.csv"))
            Assert.That(Array.IndexOf(bytes, (byte)0xE4), Is.GreaterThan(0));
        Assert.That(bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0xA4]), Is.EqualTo(-1));
        Assert.That(bytes[^2..], Is.EqualTo("\r\n"u8.ToArray()));
    }

    [Test]
    public void Write_MarelaFeed_IsWindows1252WithItsOwnDashes()
    {
        var bytes = File.ReadAllBytes(_folder.File("marela_orders.csv"));

        // 0x96 is "–" in Windows-1252 and a control character in Latin-1; 0x85 is "…".
        Assert.That(Array.IndexOf(bytes, (byte)0x96), Is.GreaterThan(0));
        Assert.That(AnyFeed.Text(_folder.Path, "marela_orders.csv"), Does.Contain("1–2 tabl. x 3"));
    }

    [Test]
    public void Write_OperaFeed_IsUtf8WithByteOrderMarkAndTabs()
    {
        var bytes = File.ReadAllBytes(_folder.File("opera_operations.tsv"));

        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(AnyFeed.Text(_folder.Path, "opera_operations.tsv").Split("\r\n")[0], Does.StartWith("Henkilötunnus\tLeikkaus alkoi\t"));
    }

    [Test]
    public void Write_FlowsheetFeed_IsGzipped()
    {
        var bytes = File.ReadAllBytes(_folder.File("apotti_flowsheets.csv.gz"));

        Assert.That(bytes[..2], Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        Assert.That(AnyFeed.Text(_folder.Path, "apotti_flowsheets.csv.gz"), Does.StartWith("patient_id,recorded_at,flo_meas_name,meas_value,unit,department\n"));
    }

    [Test]
    public void Write_QpatiFeed_IsFixedWidthWithoutHeader()
    {
        var lines = AnyFeed.Text(_folder.Path, "qpati_pathology.dat").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var good = _truth.Feed("qpati_pathology.dat").Rows.Where(r => r.Defect is null).ToList();

        Assert.That(good, Is.Not.Empty);
        Assert.That(good.Select(r => lines[r.Line - 1].Length), Is.All.EqualTo(AnyFeed.QpatiWidths.Sum()));
        Assert.That(good.Select(r => lines[r.Line - 1].Substring(23, 12)), Is.All.Match(@"^\d{12}$"));
    }

    [Test]
    public void Write_JsonLinesFeeds_HaveOneObjectPerLineWithNumbersAsNumbers()
    {
        var feeds = _truth.Feeds.Where(f => f.FileName.EndsWith(".jsonl", StringComparison.Ordinal)).ToList();

        Assert.That(feeds.Select(f => f.SourceSystem).Distinct(), Is.SupersetOf(new[] { "Merlotmedi", "Caresuite Picis82" }));
        foreach (var feed in feeds)
        {
            var records = AnyFeed.Records(_folder.Path, feed.FileName);
            Assert.That(feed.Rows.Where(r => r.Defect != DefectKinds.TruncatedLine).Select(r => records[r.Line]), Is.All.Not.Null, feed.FileName);
            Assert.That(feed.Rows.Where(r => r.Defect == DefectKinds.TruncatedLine).Select(r => records[r.Line]), Is.All.Null, feed.FileName);
        }

        Assert.That(AnyFeed.Text(_folder.Path, "icu_caresuite_picis82.jsonl"), Does.Match("\"value\":[0-9]"));
    }

    [Test]
    public void Write_ApottiNotes_KeepLineBreaksInsideQuotedFields()
    {
        var notes = _truth.Feed("apotti_notes.csv").Rows;

        // A note of several lines moves the next record down by as many lines.
        Assert.That(notes.Zip(notes.Skip(1)).Count(p => p.Second.Line - p.First.Line > 1), Is.GreaterThan(notes.Count / 2));
    }

    [Test]
    public void Write_FinnishTimeFeeds_UseFinnishDatesAndDecimalCommas()
    {
        var measurements = AnyFeed.Records(_folder.Path, "uranus_measurements.csv");
        var good = _truth.Feed("uranus_measurements.csv").Rows.Where(r => r.Defect is null).ToList();

        foreach (var row in good.Take(2000))
        {
            var fields = measurements[row.Line]!;
            Assert.That(DateTime.ParseExact(fields[1], "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture), Is.EqualTo(row.EventTime));
            Assert.That(double.Parse(fields[3].Replace(',', '.'), CultureInfo.InvariantCulture), Is.EqualTo(row.Value));
        }

        Assert.That(good.Select(r => measurements[r.Line]![3]), Has.Some.Contain(","));
    }

    [Test]
    public void Write_QualityRegistries_OneFeedPerRegistryInTheirFolder()
    {
        var feeds = _truth.Feeds.Where(f => f.SourceSystem == RegisterNames.QualityRegistrySource).ToList();

        Assert.That(feeds.Select(f => f.Register), Is.EquivalentTo(RegisterCatalog.Shipped.QualityRegistries.Select(r => r.Name)));
        Assert.That(feeds.Select(f => f.FileName), Is.All.Match(@"^quality_registries/qr_[a-z0-9_]+\.csv$"));
    }

    [Test]
    public void Write_EveryFeed_HasRowsWhenThePopulationIsSmall()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 400, Seed = 3 });

        Assert.That(truth.Feeds.Where(f => f.Rows.Count(r => r.ReachesLake) == 0).Select(f => f.FileName), Is.Empty);
    }

    private static bool HasImpossibleDate(string text) =>
        Regex.Matches(text, @"(?<d>\d{2})\.(?<m>\d{2})\.(?<y>\d{4})|(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})|(?<=^.{23})(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})")
            .Any(m => !DateTime.TryParseExact($"{m.Groups["y"].Value}-{m.Groups["m"].Value}-{m.Groups["d"].Value}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
}
