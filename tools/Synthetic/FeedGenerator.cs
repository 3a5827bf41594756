using Lake.Synthetic.Care;
using Lake.Synthetic.Feeds;

namespace Lake.Synthetic;

/// <summary>
/// Writes the synthetic source-system feeds of one consistent population, one identity code per
/// person across every system, and returns the ground truth an ingest's results are checked against.
/// </summary>
/// <remarks>
/// Volumes follow the dataset catalog: a feed's rows per patient-year are the catalog's yearly volume
/// for the system divided by its 3.5 million patients, times one sixth, the factor at which the
/// Apotti diagnosis feed (about 0.55 rows per patient-year against the catalog's 12 million a year)
/// was first written. Apotti's 1.1 billion flowsheet rows a year are bedside monitoring; the care
/// table entries alone are kept, a few per visit and ward day.
/// </remarks>
public sealed class FeedGenerator
{
    private FeedGenerator()
    {
    }

    /// <summary>
    /// Creates <paramref name="outputFolder"/> and writes every feed into it (quality registries in
    /// its quality_registries folder), replacing earlier files, or the feeds <see cref="SynthOptions.Feeds"/>
    /// names. The same options always give byte-identical files.
    /// </summary>
    public static SyntheticLakeTruth Write(string outputFolder, SynthOptions options, IProgress<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        if (!(options.DefectRate is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.DefectRate, "DefectRate must be between 0 and 1.");
        foreach (var (feed, rate) in options.DefectRates ?? new Dictionary<string, double>())
        {
            if (!(rate is >= 0 and <= 1))
                throw new ArgumentOutOfRangeException(nameof(options), rate, $"The defect rate of {feed} must be between 0 and 1.");
        }

        Directory.CreateDirectory(outputFolder);

        // One master stream hands every stage its own seed, in a fixed order: another defect
        // rate changes the defect rows and nothing else. Stages added later draw after the first six,
        // so the walking skeleton's three feeds stay byte for byte what they were.
        var master = new Random(options.Seed);
        var populationRandom = new Random(master.Next());
        var diagnosisRandom = new Random(master.Next());
        var laboratoryRandom = new Random(master.Next());
        var backgroundDefectRandom = new Random(master.Next());
        var diagnosisDefectRandom = new Random(master.Next());
        var laboratoryDefectRandom = new Random(master.Next());
        var careRandom = new Random(master.Next());
        var registryRandom = new Random(master.Next());
        var defectSeed = master.Next();

        var population = new PopulationBuilder(populationRandom);
        var people = population.Build(options.Patients);
        progress?.Report($"Drew {people.Count} people, {people.Count(p => p.Diabetes is not null)} with type 2 diabetes.");

        var diagnoses = new DiagnosisEventGenerator(diagnosisRandom).Generate(people);
        var results = new LabEventGenerator(laboratoryRandom).Generate(people, diagnoses);
        var care = new CareHistoryBuilder(careRandom).Build(people, diagnoses);
        var registries = new QualityRegistryBuilder(registryRandom).Build(care.People);

        var original = new (IFeedRows Rows, int Count, IReadOnlyList<string> Defects, Random Random)[]
        {
            (new UranusBackgroundFeed(people, population, backgroundDefectRandom), people.Count, UranusBackgroundFeed.Defects, backgroundDefectRandom),
            (new ApottiDiagnosisFeed(people, diagnoses, diagnosisDefectRandom), diagnoses.Count, ApottiDiagnosisFeed.Defects, diagnosisDefectRandom),
            (new MultilabLaboratoryFeed(people, results, laboratoryDefectRandom), results.Count, MultilabLaboratoryFeed.Defects, laboratoryDefectRandom),
        };
        var broad = BroadFeeds.All(people, care, registries).ToList();
        var known = original.Select(f => f.Rows.Format.FileName).Concat(broad.Select(f => f.Layout.FileName)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in (options.Feeds ?? known).Concat(options.DefectRates?.Keys ?? []).Where(n => !known.Contains(n)))
            throw new ArgumentException($"There is no feed '{name}'. Feeds: {string.Join(", ", known.Order(StringComparer.Ordinal))}.", nameof(options));

        var feeds = new List<FeedTruth>(known.Count);
        foreach (var (rows, count, defects, random) in original)
        {
            if (Selected(options, rows.Format.FileName))
                feeds.Add(Write(outputFolder, rows, count, defects, RateOf(options, rows.Format.FileName), random, progress));
        }

        foreach (var feed in broad.Where(f => Selected(options, f.Layout.FileName)))
        {
            var truth = TabularFeedWriter.Write(outputFolder, feed, RateOf(options, feed.Layout.FileName), new Random(defectSeed ^ StableHash(feed.Layout.FileName)));
            progress?.Report($"Wrote {truth.FileName}: {truth.Rows.Count(r => r.Defect is null)} rows and {truth.Rows.Count(r => r.Defect is not null)} defect rows.");
            feeds.Add(truth);
        }

        return new SyntheticLakeTruth(people.ConvertAll(p => p.ToTruth()), feeds);
    }

    private static bool Selected(SynthOptions options, string fileName) => options.Feeds is null || options.Feeds.Contains(fileName);

    private static double RateOf(SynthOptions options, string fileName) =>
        options.DefectRates is { } rates && rates.TryGetValue(fileName, out var rate) ? rate : options.DefectRate;

    private static FeedTruth Write(string folder, IFeedRows rows, int goodRows, IReadOnlyList<string> defects, double rate, Random random, IProgress<string>? progress)
    {
        var schedule = DefectSchedule.Plan(goodRows, rate, defects, random);
        var truth = FeedFile.Write(folder, rows, schedule);
        progress?.Report($"Wrote {truth.FileName}: {schedule.GoodRows} rows and {schedule.DefectRows} defect rows.");
        return truth;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between runs, and each feed's defects must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619;
        return unchecked((int)hash);
    }
}
