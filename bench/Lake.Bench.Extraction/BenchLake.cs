using System.Diagnostics;
using Lake.Contracts.Lake;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Bench.Extraction;

/// <summary>
/// The data both sides query: Lake's lake, made by Lake's own ingest of the three feeds, and the
/// same feeds converted by DuckDB to plain Parquet keyed by the identity code itself (the way a
/// lake without pseudonyms would hold them). Built once per feed set; a re-run reuses both, because
/// ingest is measured by the ingest benchmark, not here.
/// </summary>
internal sealed class BenchLake
{
    private BenchLake(string folder)
    {
        Folder = folder;
        Layout = new LakeLayout(Path.Combine(folder, "lake"));
        KeyRing = KeyRing.OpenOrCreate(Path.Combine(folder, "keyring", "keyring.json"), TimeProvider.System);
        Pseudonymizer = new Pseudonymizer(KeyRing);
        Directory.CreateDirectory(Path.GetDirectoryName(ControlPlanePath)!);
    }

    public string Folder { get; }

    public LakeLayout Layout { get; }

    public KeyRing KeyRing { get; }

    public Pseudonymizer Pseudonymizer { get; }

    public string PlainFolder => Path.Combine(Folder, "plain");

    public string ControlPlanePath => Path.Combine(Folder, "control", "lake.db");

    public string DeliveryRoot => Path.Combine(Folder, "delivery");

    public static async Task<BenchLake> GetOrBuildAsync(string folder, string repositoryRoot, string laboratoryFeed, long diagnosisRows, TextWriter log)
    {
        var lake = new BenchLake(folder);
        var feeds = Path.Combine(folder, "feeds");
        var diagnoses = Path.Combine(feeds, "apotti-diagnosis.csv");
        var background = Path.Combine(feeds, "apotti-patient-background.csv");
        var complete = Path.Combine(folder, "complete");
        if (File.Exists(complete))
        {
            log.WriteLine($"Lake: reusing {folder}.");
            PlainLake.WriteOnce(lake.PlainFolder, laboratoryFeed, diagnoses, background);
            return lake;
        }

        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(feeds);
        var persons = StudyPopulation.ReadFrom(laboratoryFeed);
        ApottiFeedWriter.WriteDiagnoses(diagnoses, persons, diagnosisRows, ExtractionBenchmark.Seed);
        ApottiFeedWriter.WriteBackground(background, persons, ExtractionBenchmark.Seed);
        log.WriteLine($"Lake: {persons.Count:N0} persons; diagnosis and background feeds written in {stopwatch.Elapsed.TotalSeconds:N1} s.");

        var ingestor = new FeedIngestor(lake.Layout, lake.Pseudonymizer, lake.KeyRing, TimeProvider.System);
        foreach (var (descriptor, feed) in new[]
        {
            ("multilab-laboratory.yaml", laboratoryFeed),
            ("apotti-diagnosis.yaml", diagnoses),
            ("apotti-patient-background.yaml", background),
        })
        {
            var result = await ingestor.IngestAsync(SourceDescriptorLoader.Load(Path.Combine(repositoryRoot, "sources", descriptor)), feed);
            log.WriteLine($"Lake: ingested {Path.GetFileName(feed)}: {result.Commit.RowsWritten:N0} rows written, {result.Commit.RowsQuarantined:N0} quarantined.");
            if (result.Commit.RowsQuarantined > 0)
                throw new InvalidDataException($"{feed}: {result.Commit.RowsQuarantined} rows quarantined; the benchmark's feeds must be clean so both sides hold the same rows.");
        }

        PlainLake.WriteOnce(lake.PlainFolder, laboratoryFeed, diagnoses, background);
        File.WriteAllText(complete, DateTime.UtcNow.ToString("O"));
        log.WriteLine($"Lake: built in {stopwatch.Elapsed.TotalSeconds:N1} s.");
        return lake;
    }
}
