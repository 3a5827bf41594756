using Lake.Contracts.Registers;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private static readonly DateTime End = new(2026, 1, 1);

    [Test]
    public void Write_EveryFeed_EventsFallAfterBirthBeforeDeathAndBeforeTheEndOf2025()
    {
        var people = _truth.People.ToDictionary(p => p.Hetu);
        using (Assert.EnterMultipleScope())
        {
            foreach (var feed in _truth.Feeds)
            {
                foreach (var row in feed.Rows.Where(r => r.Defect is null && r.EventTime is not null))
                {
                    var person = people[row.Hetu];
                    var day = DateOnly.FromDateTime(row.EventTime!.Value);
                    Assert.That(day, Is.GreaterThan(person.BirthDate), $"{feed.FileName} line {row.Line}: not after birth");
                    Assert.That(row.EventTime, Is.LessThan(End), $"{feed.FileName} line {row.Line}");
                    if (person.DeathDate is { } death)
                        Assert.That(day, Is.LessThan(death), $"{feed.FileName} line {row.Line}: after death");
                }
            }
        }
    }

    [Test]
    public void Write_EveryFeed_EventsFallInItsSystemsYears()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var feed in _truth.Feeds)
            {
                var coverage = RegisterCatalog.Shipped.Get(feed.Register).Sources.Where(s => s.System == feed.SourceSystem).ToList();
                var years = feed.Rows.Where(r => r.Defect is null && r.EventTime is not null).Select(r => r.EventTime!.Value.Year).Distinct();
                Assert.That(years.Where(y => !coverage.Exists(c => c.Covers(y))), Is.Empty, feed.FileName);
            }
        }
    }

    [Test]
    public void Write_Diabetics_GetMetforminAtDiagnosisAndNobodyElseDoes()
    {
        var diabetics = Diabetics();
        var metformin = MedicationRows().Where(r => r.Code == "A10BA02").ToLookup(r => r.Hetu);

        Assert.That(diabetics, Is.Not.Empty);
        foreach (var (hetu, diagnosed) in diabetics)
        {
            Assert.That(metformin[hetu], Is.Not.Empty, "a diabetic without metformin");
            Assert.That(metformin[hetu].Min(r => r.EventTime), Is.GreaterThanOrEqualTo(Minute(diagnosed)).And.LessThan(diagnosed.AddHours(1)));
        }

        Assert.That(metformin.Select(g => g.Key).Where(h => !diabetics.ContainsKey(h)), Is.Empty);
    }

    [Test]
    public void Write_HypertensionInApotti_IsTreatedWithAceInhibitorsOrBetaBlockersInApotti()
    {
        var hypertensive = _truth.Feed(FeedReader.Diagnoses).GoodRows().Where(r => r.Code == "I10").Select(r => r.Hetu).ToHashSet();
        var treated = _truth.Feed("apotti_medications.csv").GoodRows()
            .Where(r => r.Code!.StartsWith("C09", StringComparison.Ordinal) || r.Code!.StartsWith("C07", StringComparison.Ordinal))
            .Select(r => r.Hetu).ToHashSet();

        Assert.That(hypertensive, Has.Count.GreaterThan(50));
        Assert.That(hypertensive.Where(h => !treated.Contains(h)), Is.Empty);
    }

    [Test]
    public void Write_HipFractures_AreOperatedInOperaWithinTwoDays()
    {
        var people = _truth.People.ToDictionary(p => p.Hetu);
        var operations = _truth.Feed("opera_operations.tsv").GoodRows().Where(r => r.Code is "NFJ60" or "NFB12").ToLookup(r => r.Hetu);
        var fractures = _truth.Feeds.Where(f => f.Register == "diagnosis").SelectMany(f => f.GoodRows())
            .Where(r => r.Code == "S72.0" && r.EventTime!.Value.Year is >= 2005 and <= 2020)
            .Where(r => people[r.Hetu].DeathDate is not { } death || death.ToDateTime(TimeOnly.MinValue) > r.EventTime!.Value.AddDays(3))
            .ToList();

        Assert.That(fractures, Is.Not.Empty);
        foreach (var fracture in fractures)
            Assert.That(operations[fracture.Hetu].Any(o => o.EventTime >= Minute(fracture.EventTime!.Value) && o.EventTime <= fracture.EventTime!.Value.AddDays(2)), Is.True, $"{fracture.Hetu} {fracture.EventTime}");
    }

    [Test]
    public void Write_Births_OnlyToWomenAged16To48()
    {
        var people = _truth.People.ToDictionary(p => p.Hetu);
        var births = _truth.Feed("obstetrix_births.csv").GoodRows().ToList();

        Assert.That(births, Has.Count.GreaterThan(100));
        foreach (var birth in births)
        {
            var mother = people[birth.Hetu];
            var age = (DateOnly.FromDateTime(birth.EventTime!.Value).DayNumber - mother.BirthDate.DayNumber) / 365.25;
            Assert.That(mother.Sex, Is.EqualTo("female"));
            Assert.That(age, Is.InRange(16, 48), birth.Hetu);
        }
    }

    [Test]
    public void Write_IntensiveCare_EverySystemHasStaysAndChildrensUnitsOnlyChildren()
    {
        var people = _truth.People.ToDictionary(p => p.Hetu);
        var feeds = _truth.Feeds.Where(f => f.Register == "intensive_care").ToList();

        Assert.That(feeds, Has.Count.EqualTo(10));
        foreach (var feed in feeds)
        {
            var stays = feed.GoodRows().Where(r => r.Code is "Hoitojakso" or "ICU admission").ToList();
            Assert.That(stays, Has.Count.GreaterThanOrEqualTo(2), feed.FileName);
            if (feed.SourceSystem.Contains("LNS", StringComparison.Ordinal))
                Assert.That(stays.Select(s => (DateOnly.FromDateTime(s.EventTime!.Value).DayNumber - people[s.Hetu].BirthDate.DayNumber) / 365.25), Is.All.LessThan(16), feed.FileName);
        }
    }

    [Test]
    public void Write_Ecg_FollowsMyocardialInfarctionsFrom2010()
    {
        var ecgs = _truth.Feed("muse_ecg.txt").GoodRows().Where(r => r.Code == "ECG_VRATE").ToLookup(r => r.Hetu);
        var infarctions = _truth.Feeds.Where(f => f.Register == "diagnosis").SelectMany(f => f.GoodRows())
            .Where(r => r.Code == "I21.9" && r.EventTime!.Value.Year >= 2010 && r.DuplicateOf is null).ToList();

        Assert.That(infarctions, Is.Not.Empty);
        Assert.That(infarctions.Where(i => !ecgs[i.Hetu].Any(e => e.EventTime >= i.EventTime!.Value.AddMinutes(-1) && e.EventTime <= i.EventTime!.Value.AddHours(1))), Is.Empty);
    }

    [Test]
    public void Write_QualityRegistries_EnrolByDiagnosisAndCatalogSize()
    {
        var members = _truth.Feeds.Where(f => f.SourceSystem == RegisterNames.QualityRegistrySource)
            .ToDictionary(f => f.Register, f => f.GoodRows().Select(r => r.Hetu).ToHashSet());
        var diabetics = Diabetics();

        Assert.That(members.Values.Select(m => m.Count), Is.All.GreaterThanOrEqualTo(2));
        Assert.That(members["qr_diabetes"].Where(h => !diabetics.ContainsKey(h)), Is.Empty, "the diabetes registry enrols diabetics");
        Assert.That(members["qr_stroke"].Count, Is.GreaterThan(members["qr_sarcoma_and_gist"].Count), "47,000 against 350 patients in the catalog");
    }

    [Test]
    public void Write_Volumes_FollowTheCatalogsProportions()
    {
        // Rows per year in a full year of both systems, against the catalog's yearly volumes.
        double PerYear(string fileName, int from, int to) =>
            _truth.Feed(fileName).GoodRows().Count(r => r.EventTime!.Value.Year >= from && r.EventTime!.Value.Year <= to) / (double)(to - from + 1);

        var uranusDiagnoses = PerYear("uranus_diagnoses.csv", 2010, 2019);
        var apottiDiagnoses = PerYear(FeedReader.Diagnoses, 2022, 2025);
        Assert.That(apottiDiagnoses / uranusDiagnoses, Is.InRange(1.5, 6), "12 million against 2-6 million diagnoses a year");
        Assert.That(PerYear("uranus_record_texts.csv", 2010, 2019) / PerYear("uranus_visits.csv", 2010, 2019), Is.InRange(0.8, 3), "2-6 million texts against 2-3 million visits");
        Assert.That(PerYear("uranus_procedures.csv", 2010, 2019) / PerYear("opera_operations.tsv", 2010, 2019), Is.InRange(4, 40), "1-2 million procedures against 100,000 operations");
        Assert.That(PerYear("uranus_measurements.csv", 2014, 2019) / PerYear("uranus_visits.csv", 2014, 2019), Is.InRange(2, 8), "10 million measurements against 2-3 million visits");
        Assert.That(PerYear(FeedReader.Laboratory, 2016, 2019) / PerYear("muse_ecg.txt", 2016, 2019), Is.GreaterThan(5), "10-70 million examinations against 100,000-200,000 ECGs");
        Assert.That(PerYear("uranus_medications.csv", 2014, 2018) / PerYear("kemokur_courses.csv", 2014, 2018), Is.GreaterThan(10), "1-4 million prescriptions against 60,000 courses");
        Assert.That(PerYear("husradu_exams.csv", 2014, 2019) / PerYear("mustiradu_exams.csv", 2000, 2012), Is.InRange(0.8, 4), "1.5 million against 0.2-1 million examinations");
    }

    private IEnumerable<TruthRow> MedicationRows() => _truth.Feeds.Where(f => f.Register == "medication").SelectMany(f => f.GoodRows());

    private static DateTime Minute(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));
}
