namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private const string HbA1c = "2095";

    [Test]
    public void Write_DefaultOptions_WritesSpecifiedVolumes()
    {
        Assert.That(_truth.Feed(FeedReader.Diagnoses).GoodRows().Count(), Is.InRange(8_000, 12_000));
        Assert.That(_truth.Feed(FeedReader.Laboratory).GoodRows().Count(), Is.InRange(25_000, 40_000));
    }

    [Test]
    public void Write_Events_FallBetweenBirthDeathAndToday()
    {
        var people = _truth.People.ToDictionary(p => p.Hetu);
        var firsts = new Dictionary<string, DateTime>
        {
            [FeedReader.Diagnoses] = new(2020, 1, 1),
            [FeedReader.Laboratory] = new(2015, 1, 1),
        };

        foreach (var (fileName, first) in firsts)
        {
            foreach (var row in _truth.Feed(fileName).GoodRows())
            {
                var person = people[row.Hetu];
                var time = row.EventTime!.Value;
                Assert.That(time, Is.InRange(first, new DateTime(2026, 1, 1).AddTicks(-1)), $"{fileName} line {row.Line}");
                Assert.That(time, Is.GreaterThanOrEqualTo(person.BirthDate.ToDateTime(TimeOnly.MinValue)), $"{fileName} line {row.Line}");
                if (person.DeathDate is { } death)
                    Assert.That(time, Is.LessThan(death.ToDateTime(TimeOnly.MinValue)), $"{fileName} line {row.Line}: after death");
            }
        }
    }

    [Test]
    public void Write_DiagnosisFeed_IsThinnerInApottiPartialYears()
    {
        var perYear = _truth.Feed(FeedReader.Diagnoses).GoodRows().GroupBy(r => r.EventTime!.Value.Year).ToDictionary(g => g.Key, g => g.Count());

        Assert.That(perYear.Keys, Is.EquivalentTo(Enumerable.Range(2020, 6)));
        Assert.That(perYear[2020], Is.LessThan(perYear[2021]));
        Assert.That(perYear[2021], Is.LessThan(perYear[2023]));
    }

    [Test]
    public void Write_Diabetes_IsDiagnosedInAboutSevenPercent()
    {
        var diabetics = Diabetics();

        Assert.That(diabetics.Count / (double)_truth.People.Count, Is.InRange(0.06, 0.08));
    }

    [Test]
    public void Write_ChronicDiagnoses_RecurOverYears()
    {
        var diabetesYears = _truth.Feed(FeedReader.Diagnoses).GoodRows()
            .Where(r => r.Code!.StartsWith("E11", StringComparison.Ordinal))
            .GroupBy(r => r.Hetu)
            .Select(g => g.Select(r => r.EventTime!.Value.Year).Distinct().Count())
            .ToList();

        Assert.That(diabetesYears.Count(years => years >= 2) / (double)diabetesYears.Count, Is.GreaterThan(0.5));
    }

    [Test]
    public void Write_Diabetics_HaveElevatedHbA1cFromTheirFirstDiagnosisOn()
    {
        var diabetics = Diabetics();
        var hbA1c = _truth.Feed(FeedReader.Laboratory).GoodRows().Where(r => r.Code == HbA1c).ToLookup(r => r.Hetu);

        foreach (var (hetu, diagnosed) in diabetics)
        {
            var results = hbA1c[hetu].ToList();
            Assert.That(results, Is.Not.Empty, "a diabetic without HbA1c");
            Assert.That(results.Select(r => r.EventTime), Is.All.GreaterThan(diagnosed));
            Assert.That(results.Select(r => r.Value), Is.All.InRange(45.0, 95.0));

            // One to four a year: never more than four per year of follow-up, rounded up.
            var years = Math.Ceiling((results.Max(r => r.EventTime!.Value) - diagnosed).TotalDays / 365) + 1;
            Assert.That(results, Has.Count.LessThanOrEqualTo(4 * years));
        }
    }

    [Test]
    public void Write_NonDiabetics_HaveNormalHbA1c()
    {
        var diabetics = Diabetics();
        var others = _truth.Feed(FeedReader.Laboratory).GoodRows().Where(r => r.Code == HbA1c && !diabetics.ContainsKey(r.Hetu)).ToList();

        Assert.That(others, Is.Not.Empty);
        Assert.That(others.Select(r => r.Value), Is.All.InRange(30.0, 42.0));
    }

    [Test]
    public void Write_LaboratoryResults_StayInPlausibleRanges()
    {
        var ranges = new Dictionary<string, (double Min, double Max)>
        {
            ["1468"] = (3.5, 20), // fP -Gluk mmol/l
            ["2143"] = (20, 250), // P -Krea umol/l
            ["1999"] = (3.0, 5.5), // P -K mmol/l
            ["2000"] = (128, 146), // P -Na mmol/l
            ["1552"] = (80, 180), // B -Hb g/l
            ["4520"] = (1, 260), // P -CRP mg/l
            ["4242"] = (1.0, 6.0), // fP -LDL-Kol mmol/l
        };

        var rows = _truth.Feed(FeedReader.Laboratory).GoodRows().ToList();
        Assert.That(rows.Select(r => r.Code).Distinct(), Is.EquivalentTo(ranges.Keys.Append(HbA1c).Append("6211")));
        foreach (var row in rows.Where(r => ranges.ContainsKey(r.Code!)))
            Assert.That(row.Value, Is.InRange(ranges[row.Code!].Min, ranges[row.Code!].Max), $"test {row.Code} line {row.Line}");

        Assert.That(rows.Where(r => r.Code == "6211").Select(r => r.Value), Is.All.Null);
    }

    [Test]
    public void Write_EveryoneAliveInLaboratoryYears_HasRoutineResults()
    {
        var withResults = _truth.Feed(FeedReader.Laboratory).GoodRows().Select(r => r.Hetu).ToHashSet();
        var alive = _truth.People.Where(p => p.DeathDate is null || p.DeathDate > new DateOnly(2015, 1, 2));

        Assert.That(alive.Where(p => !withResults.Contains(p.Hetu)), Is.Empty);
    }

    /// <summary>People with any E11 row in the diagnosis feed, and the time of their first one.</summary>
    private Dictionary<string, DateTime> Diabetics() =>
        _truth.Feed(FeedReader.Diagnoses).GoodRows()
            .Where(r => r.Code!.StartsWith("E11", StringComparison.Ordinal))
            .GroupBy(r => r.Hetu)
            .ToDictionary(g => g.Key, g => g.Min(r => r.EventTime!.Value));
}
