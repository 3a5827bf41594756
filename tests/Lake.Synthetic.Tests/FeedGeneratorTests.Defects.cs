using System.Globalization;
using Lake.Pseudonymization;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private static readonly string[] AllDefectKinds =
        [DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.MalformedCode, DefectKinds.TruncatedLine, DefectKinds.MissingRequired, DefectKinds.WrongEncoding];

    [TestCase(FeedReader.Background, new[] { DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.TruncatedLine })]
    [TestCase(FeedReader.Diagnoses, new[] { DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.MalformedCode, DefectKinds.MissingRequired, DefectKinds.TruncatedLine })]
    [TestCase(FeedReader.Laboratory, new[] { DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.MissingRequired, DefectKinds.TruncatedLine })]
    public void Write_DefaultRate_WritesOnePercentDefectsOfEveryKind(string fileName, string[] kinds)
    {
        var rows = _truth.Feed(fileName).Rows;
        var good = rows.Count(r => r.Defect is null);
        var defects = rows.Where(r => r.Defect is not null).ToList();

        Assert.That(good, Is.GreaterThanOrEqualTo(500));
        Assert.That(defects, Has.Count.EqualTo((int)Math.Round(0.01 * good, MidpointRounding.AwayFromZero)));
        Assert.That(defects.Select(r => r.Defect).Distinct(), Is.EquivalentTo(kinds));

        // Spread evenly: no kind has more than one defect over its share.
        var perKind = defects.GroupBy(r => r.Defect).Select(g => g.Count()).ToList();
        Assert.That(perKind.Max() - perKind.Min(), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Write_TinyRateOnLargeFeeds_StillWritesOneDefectOfEachKind()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 600, DefectRate = 0.0001 });

        Assert.That(truth.Feed(FeedReader.Background).Rows.Count(r => r.Defect is not null), Is.EqualTo(3));
        Assert.That(truth.Feed(FeedReader.Diagnoses).Rows.Count(r => r.Defect is not null), Is.EqualTo(5));
        Assert.That(truth.Feed(FeedReader.Laboratory).Rows.Count(r => r.Defect is not null), Is.EqualTo(4));
    }

    [Test]
    public void Write_HighRate_WritesRoundedShareOfGoodRows()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 700, DefectRate = 0.05 });

        foreach (var feed in truth.Feeds)
        {
            var good = feed.Rows.Count(r => r.Defect is null);
            Assert.That(feed.Rows.Count(r => r.Defect is not null), Is.EqualTo((int)Math.Round(0.05 * good, MidpointRounding.AwayFromZero)), feed.FileName);
        }
    }

    [Test]
    public void Write_ZeroRate_WritesNoDefects()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 600, DefectRate = 0 });

        Assert.That(truth.Feeds.SelectMany(f => f.Rows).Where(r => r.Defect is not null), Is.Empty);
    }

    [Test]
    public void Write_GoodRows_CarryValidHetusOfThePopulation()
    {
        var people = _truth.People.Select(p => p.Hetu).ToHashSet();

        var good = _truth.Feeds.SelectMany(f => f.GoodRows()).ToList();

        Assert.That(good.Where(r => Hetu.Validate(r.Hetu) != HetuError.None).Select(r => r.Hetu), Is.Empty);
        Assert.That(good.Where(r => !people.Contains(r.Hetu)).Select(r => r.Hetu), Is.Empty);
    }

    [Test]
    public void Write_InvalidHetuRows_FailOnlyTheCheckCharacter()
    {
        var people = _truth.People.Select(p => p.Hetu).ToHashSet();
        var invalid = _truth.Feeds.SelectMany(f => f.Rows).Where(r => r.Defect == DefectKinds.InvalidHetu).ToList();

        Assert.That(invalid, Is.Not.Empty);
        foreach (var row in invalid)
        {
            Assert.That(Hetu.Validate(row.Hetu), Is.EqualTo(HetuError.CheckCharacter), row.Hetu);
            Assert.That(people.Contains(row.Hetu), Is.False, row.Hetu);
        }
    }

    [Test]
    public void Write_OtherDefectRows_HaveValidHetus()
    {
        // One defect per row: a row quarantined for its date must not also fail on its identity code.
        var others = _truth.Feeds.SelectMany(f => f.Rows).Where(r => r.Defect is not null && r.Defect != DefectKinds.InvalidHetu);

        Assert.That(others.Select(r => Hetu.Validate(r.Hetu)), Is.All.EqualTo(HetuError.None));
    }

    [Test]
    public void Write_DefectRows_CarryNoEvent()
    {
        var defects = _truth.Feeds.SelectMany(f => f.Rows).Where(r => r.Defect is not null).ToList();

        Assert.That(defects.Select(r => r.Defect), Is.All.AnyOf(AllDefectKinds));
        Assert.That(defects.Select(r => (r.EventTime, r.Code, r.Value)), Is.All.EqualTo(((DateTime?)null, (string?)null, (double?)null)));
    }

    [TestCase(FeedReader.Background, 3)]
    [TestCase(FeedReader.Diagnoses, 2)]
    [TestCase(FeedReader.Laboratory, 3)]
    public void Write_TruncatedLines_AreCutAfterTheirFields(string fileName, int fieldCount)
    {
        var lines = FeedReader.Lines(_folder.Path, fileName);
        var truncated = _truth.Feed(fileName).Rows.Where(r => r.Defect == DefectKinds.TruncatedLine).ToList();

        Assert.That(truncated, Is.Not.Empty);
        foreach (var row in truncated)
            Assert.That(FeedReader.Fields(lines[row.Line - 1], fileName), Has.Length.EqualTo(fieldCount), $"line {row.Line}");
    }

    [TestCase(FeedReader.Background, 2, "dd.MM.yyyy", @"^\d{2}\.\d{2}\.\d{4}$")]
    [TestCase(FeedReader.Diagnoses, 3, "yyyy-MM-ddTHH:mm:ss", @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")]
    [TestCase(FeedReader.Laboratory, 3, "dd.MM.yyyy HH:mm", @"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$")]
    public void Write_ImpossibleDates_HaveTheShapeButNoCalendarDay(string fileName, int field, string format, string shape)
    {
        var lines = FeedReader.Lines(_folder.Path, fileName);
        var impossible = _truth.Feed(fileName).Rows.Where(r => r.Defect == DefectKinds.ImpossibleDate).ToList();

        Assert.That(impossible, Is.Not.Empty);
        foreach (var row in impossible)
        {
            // The diagnosis feed's department may be quoted, but the date comes before it.
            var value = FeedReader.Fields(lines[row.Line - 1], fileName)[field];
            Assert.That(value, Does.Match(shape));
            Assert.That(DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Is.False, value);
        }
    }

    [TestCase(FeedReader.Diagnoses)]
    [TestCase(FeedReader.Laboratory)]
    public void Write_MissingRequiredRows_LeaveTheCodeEmpty(string fileName)
    {
        var lines = FeedReader.Lines(_folder.Path, fileName);
        var missing = _truth.Feed(fileName).Rows.Where(r => r.Defect == DefectKinds.MissingRequired).ToList();

        Assert.That(missing, Is.Not.Empty);
        foreach (var row in missing)
            Assert.That(FeedReader.Fields(lines[row.Line - 1], fileName)[1], Is.Empty, $"line {row.Line}");
    }

    [Test]
    public void Write_MalformedCodes_AreNotIcd10Shaped()
    {
        var lines = FeedReader.Lines(_folder.Path, FeedReader.Diagnoses);
        var malformed = _truth.Feed(FeedReader.Diagnoses).Rows.Where(r => r.Defect == DefectKinds.MalformedCode).ToList();

        Assert.That(malformed, Is.Not.Empty);
        foreach (var row in malformed)
        {
            var code = FeedReader.Fields(lines[row.Line - 1], FeedReader.Diagnoses)[1];
            Assert.That(code.ToUpperInvariant(), Does.Not.Match(@"^[A-Z]\d{2}(\.?[0-9A-Z]+)?$"));
        }
    }
}
