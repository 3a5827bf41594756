namespace Lake.Synthetic;

/// <summary>
/// Writes the synthetic source-system feeds of one consistent population, and returns the
/// ground truth an ingest's results are checked against.
/// </summary>
public sealed class FeedGenerator
{
    private FeedGenerator()
    {
    }

    /// <summary>
    /// Creates <paramref name="outputFolder"/> and writes uranus_patient_background.csv,
    /// apotti_diagnoses.csv and multilab_laboratory.tsv into it, replacing earlier files.
    /// The same options always give byte-identical files.
    /// </summary>
    public static SyntheticLakeTruth Write(string outputFolder, SynthOptions options, IProgress<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        if (!(options.DefectRate is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.DefectRate, "DefectRate must be between 0 and 1.");

        Directory.CreateDirectory(outputFolder);

        // One master stream hands every stage its own seed, in a fixed order: another defect
        // rate changes the defect rows and nothing else.
        var master = new Random(options.Seed);
        var populationRandom = new Random(master.Next());
        var diagnosisRandom = new Random(master.Next());
        var laboratoryRandom = new Random(master.Next());
        var backgroundDefectRandom = new Random(master.Next());
        var diagnosisDefectRandom = new Random(master.Next());
        var laboratoryDefectRandom = new Random(master.Next());

        var population = new PopulationBuilder(populationRandom);
        var people = population.Build(options.Patients);
        progress?.Report($"Drew {people.Count} people, {people.Count(p => p.Diabetes is not null)} with type 2 diabetes.");

        var diagnoses = new DiagnosisEventGenerator(diagnosisRandom).Generate(people);
        var results = new LabEventGenerator(laboratoryRandom).Generate(people, diagnoses);

        var feeds = new List<FeedTruth>(3)
        {
            Write(outputFolder, new UranusBackgroundFeed(people, population, backgroundDefectRandom), people.Count, UranusBackgroundFeed.Defects, options, backgroundDefectRandom, progress),
            Write(outputFolder, new ApottiDiagnosisFeed(people, diagnoses, diagnosisDefectRandom), diagnoses.Count, ApottiDiagnosisFeed.Defects, options, diagnosisDefectRandom, progress),
            Write(outputFolder, new MultilabLaboratoryFeed(people, results, laboratoryDefectRandom), results.Count, MultilabLaboratoryFeed.Defects, options, laboratoryDefectRandom, progress),
        };

        return new SyntheticLakeTruth(people.ConvertAll(p => p.ToTruth()), feeds);
    }

    private static FeedTruth Write(string folder, IFeedRows rows, int goodRows, IReadOnlyList<string> defects, SynthOptions options, Random random, IProgress<string>? progress)
    {
        var schedule = DefectSchedule.Plan(goodRows, options.DefectRate, defects, random);
        var truth = FeedFile.Write(folder, rows, schedule);
        progress?.Report($"Wrote {truth.FileName}: {schedule.GoodRows} rows and {schedule.DefectRows} defect rows.");
        return truth;
    }
}
