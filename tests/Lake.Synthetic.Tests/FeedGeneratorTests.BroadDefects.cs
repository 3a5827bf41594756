using System.Text;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    [Test]
    public void Write_EveryFeed_HasItsShareOfDefectsSpreadOverItsKinds()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var feed in _truth.Feeds.Where(f => f.Rows.Count(r => r.Defect is null) >= 500))
            {
                var good = feed.Rows.Count(r => r.Defect is null);
                var perKind = feed.Rows.Where(r => r.Defect is not null).GroupBy(r => r.Defect).Select(g => g.Count()).ToList();
                Assert.That(perKind.Sum(), Is.EqualTo(Math.Max(perKind.Count, (int)Math.Round(0.01 * good, MidpointRounding.AwayFromZero))), feed.FileName);
                Assert.That(perKind.Max() - perKind.Min(), Is.LessThanOrEqualTo(1), feed.FileName);
                Assert.That(perKind, Has.Count.GreaterThanOrEqualTo(3), feed.FileName);
            }
        }
    }

    [Test]
    public void Write_DefectRatesPerFeed_OverrideTheCommonRate()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions
        {
            Patients = 500,
            DefectRate = 0,
            DefectRates = new Dictionary<string, double> { ["uranus_visits.csv"] = 0.2 },
        });

        var visits = truth.Feed("uranus_visits.csv").Rows;
        Assert.That(visits.Count(r => r.Defect is not null), Is.EqualTo((int)Math.Round(0.2 * visits.Count(r => r.Defect is null), MidpointRounding.AwayFromZero)));
        Assert.That(truth.Feeds.Where(f => f.FileName != "uranus_visits.csv").SelectMany(f => f.Rows).Where(r => r.Defect is not null), Is.Empty);
    }

    [Test]
    public void Write_ImpossibleDates_InEveryFeedAreDaysNoCalendarHas()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var feed in _truth.Feeds.Skip(3))
            {
                var lines = AnyFeed.Text(_folder.Path, feed.FileName).Split('\n');
                foreach (var row in feed.Rows.Where(r => r.Defect == DefectKinds.ImpossibleDate))
                    Assert.That(HasImpossibleDate(lines[row.Line - 1]), Is.True, $"{feed.FileName} line {row.Line}: {lines[row.Line - 1]}");
            }
        }
    }

    [Test]
    public void Write_MalformedCodes_OnlyInFeedsWithValidatedDiagnosisCodes()
    {
        var feeds = _truth.Feeds.Where(f => f.Rows.Any(r => r.Defect == DefectKinds.MalformedCode)).Select(f => f.Register).Distinct();

        Assert.That(feeds, Is.SubsetOf(new[] { "diagnosis", "visit", "referral", "inpatient_period" }));
    }

    [Test]
    public void Write_WrongEncodingRows_AreUtf8BytesInTheLatin1Measurements()
    {
        var bytes = File.ReadAllBytes(_folder.File("uranus_measurements.csv"));
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n");
        var rows = _truth.Feed("uranus_measurements.csv").Rows;
        var wrong = rows.Where(r => r.Defect == DefectKinds.WrongEncoding).Select(r => r.Line).ToHashSet();

        Assert.That(wrong, Is.Not.Empty);
        Assert.That(_truth.Feeds.Where(f => f.FileName != "uranus_measurements.csv").SelectMany(f => f.Rows).Where(r => r.Defect == DefectKinds.WrongEncoding), Is.Empty);

        // "LÄMPÖ" written as UTF-8 reads "LÃ\u0084MPÃ\u0096" to a Latin-1 reader; no other line has a UTF-8 sequence.
        for (var line = 2; line <= rows.Count + 1; line++)
            Assert.That(lines[line - 1].Contains("Ã", StringComparison.Ordinal), Is.EqualTo(wrong.Contains(line)), $"line {line}");
        Assert.That(wrong.Select(l => lines[l - 1]), Is.All.Contain("LÃ\u0084MPÃ\u0096"));
    }
}
