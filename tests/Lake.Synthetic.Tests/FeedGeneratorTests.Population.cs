using Lake.Pseudonymization;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private static readonly string[] UusimaaMunicipalities =
    [
        "Helsinki", "Espoo", "Vantaa", "Järvenpää", "Hyvinkää", "Mäntsälä", "Kerava", "Porvoo", "Lohja",
        "Kirkkonummi", "Tuusula", "Nurmijärvi", "Sipoo", "Raasepori", "Kauniainen", "Pornainen", "Hämeenlinna",
    ];

    [Test]
    public void Write_People_HaveUniqueCodesMatchingTheirDemographics()
    {
        Assert.That(_truth.People, Has.Count.EqualTo(3000));
        Assert.That(_truth.People.Select(p => p.Hetu), Is.Unique);

        // Birth date and individual number identify a person whatever the century sign.
        Assert.That(_truth.People.Select(p => (p.BirthDate, p.Hetu.Substring(7, 3))), Is.Unique);
        foreach (var person in _truth.People)
        {
            var hetu = Hetu.Parse(person.Hetu);
            Assert.That(hetu.BirthDate, Is.EqualTo(person.BirthDate));
            Assert.That(person.Sex, Is.EqualTo(hetu.Sex == Sex.Male ? "male" : "female"));
            Assert.That(person.BirthDate, Is.InRange(new DateOnly(1930, 1, 1), new DateOnly(2015, 12, 31)));
            Assert.That(person.Municipality, Is.AnyOf(UusimaaMunicipalities));
            if (person.DeathDate is { } death)
                Assert.That(death, Is.GreaterThan(person.BirthDate).And.LessThanOrEqualTo(new DateOnly(2025, 12, 31)));
        }
    }

    [Test]
    public void Write_People_HaveRealisticShares()
    {
        var count = (double)_truth.People.Count;

        Assert.That(_truth.People.Count(p => p.DeathDate is not null) / count, Is.InRange(0.045, 0.075), "dead");
        Assert.That(_truth.People.Count(p => Hetu.Parse(p.Hetu).IsTemporary) / count, Is.InRange(0.004, 0.02), "temporary codes");
        Assert.That(_truth.People.Count(p => p.Sex == "female") / count, Is.InRange(0.45, 0.55), "female");
        Assert.That(_truth.People.Count(p => p.Municipality.Contains('ä', StringComparison.Ordinal)) / count, Is.GreaterThan(0.1), "non-ASCII municipalities");
    }

    [Test]
    public void Write_BackgroundFeed_HasOneGoodRowPerPersonInPopulationOrder()
    {
        var background = _truth.Feed(FeedReader.Background).GoodRows().Select(r => r.Hetu);

        Assert.That(background, Is.EqualTo(_truth.People.Select(p => p.Hetu)));
    }

    [Test]
    public void Write_EventFeeds_MentionOnlyPeopleWithBackground()
    {
        var background = _truth.Feed(FeedReader.Background).GoodRows().Select(r => r.Hetu).ToHashSet();
        var inEvents = _truth.Feeds.Skip(1).SelectMany(f => f.GoodRows()).Select(r => r.Hetu).ToHashSet();

        Assert.That(inEvents.Except(background), Is.Empty);

        // Only people who died before the laboratory years may have no rows at all.
        var withoutRows = _truth.People.Where(p => !inEvents.Contains(p.Hetu)).ToList();
        Assert.That(withoutRows.Count / (double)_truth.People.Count, Is.LessThan(0.03));
        Assert.That(withoutRows.Select(p => p.DeathDate), Is.All.LessThan(new DateOnly(2015, 1, 2)));
    }
}
