namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    [Test]
    public void Write_MigrationDuplicates_HaveTheirOriginalInTheNamedFeed()
    {
        var duplicates = _truth.Feeds.SelectMany(f => f.GoodRows().Where(r => r.DuplicateOf is not null).Select(r => (Feed: f, Row: r))).ToList();
        var originals = _truth.Feeds.ToDictionary(f => f.FileName, f => f.GoodRows().Where(r => r.DuplicateOf is null && r.EventTime is not null).Select(Key).ToHashSet());

        Assert.That(duplicates.Select(d => d.Feed.FileName).Distinct(), Is.SupersetOf(new[]
        {
            "uranus_diagnoses.csv", "uranus_visits.csv", "apotti_visits.csv", "apotti_inpatient_periods.csv", "apotti_referrals.csv", "apotti_medications.csv",
        }));
        foreach (var pair in duplicates.Select(d => (d.Feed, Other: _truth.Feed(d.Row.DuplicateOf!))).Distinct())
        {
            Assert.That(pair.Other.SourceSystem, Is.Not.EqualTo(pair.Feed.SourceSystem));
            Assert.That(pair.Other.Register, Is.EqualTo(pair.Feed.Register));
        }

        Assert.That(duplicates.Where(d => d.Row.EventTime!.Value.Year is < 2018 or > 2020).Select(d => $"{d.Feed.FileName} line {d.Row.Line}"), Is.Empty);
        Assert.That(duplicates.Where(d => !originals[d.Row.DuplicateOf!].Contains(Key(d.Row))).Select(d => $"{d.Feed.FileName} line {d.Row.Line}"), Is.Empty);
    }

    [Test]
    public void Write_MigrationDuplicates_AreAShareOfTheOverlapYears()
    {
        var visits = _truth.Feed("apotti_visits.csv").GoodRows().Where(r => r.EventTime!.Value.Year == 2019).ToList();
        var diagnoses = _truth.Feed("uranus_diagnoses.csv").GoodRows().Where(r => r.EventTime!.Value.Year == 2020).ToList();

        // Apotti's 2019 visits are all migrated from Uranus; Uranus' 2020 diagnoses are partly Apotti's.
        Assert.That(visits.Select(r => r.DuplicateOf), Is.All.EqualTo("uranus_visits.csv"));
        Assert.That(diagnoses.Count(r => r.DuplicateOf is not null) / (double)diagnoses.Count, Is.InRange(0.1, 0.6));
    }

    /// <summary>Uranus writes minutes, Apotti seconds: the same event agrees to the minute.</summary>
    private static (string, string?, DateTime) Key(TruthRow row) => (row.Hetu, row.Code, Minute(row.EventTime!.Value));
}
