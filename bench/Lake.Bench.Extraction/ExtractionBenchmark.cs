using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Bench.Extraction;

/// <summary>
/// Times a preliminary study and a full extraction for a ~1 % cohort, Lake's way and the plain DuckDB
/// way, interleaved run by run so that both see the same machine. Before any time is reported the
/// two sides must agree on the cohort size and on every row count; a benchmark of different answers
/// would measure nothing.
/// </summary>
internal static class ExtractionBenchmark
{
    public const int Seed = 20_261_128;

    private static readonly DateOnly CohortFrom = new(2020, 1, 1);
    private static readonly DateOnly CohortTo = new(2025, 12, 31);

    public static async Task<int> RunAsync(ExtractionBenchArguments arguments)
    {
        var log = Console.Out;
        var lake = await BenchLake.GetOrBuildAsync(arguments.LakeFolder, arguments.RepositoryRoot, arguments.LaboratoryFeed, arguments.DiagnosisRows, log);
        var rows = RowsPerRegister(lake);
        log.WriteLine($"Lake holds {rows[RegisterNames.Laboratory]:N0} laboratory and {rows[RegisterNames.Diagnosis]:N0} diagnosis rows.");

        var specification = LakeStudy.Specification(CohortFrom, CohortTo);
        var lakeStudy = new LakeStudy(lake);
        var plain = new PlainStudy(lake.PlainFolder);
        var from = CohortFrom.ToDateTime(TimeOnly.MinValue);
        var to = CohortTo.AddDays(1).ToDateTime(TimeOnly.MinValue);

        var lakePreliminary = new List<double>();
        var plainPreliminary = new List<double>();
        for (var run = 0; run < arguments.PreliminaryRuns; run++)
        {
            var (lakeReport, lakeSeconds) = Timed(() => lakeStudy.Preliminary(specification));
            var (plainAnswer, plainSeconds) = Timed(() => plain.Preliminary(from, to));
            lakePreliminary.Add(lakeSeconds);
            plainPreliminary.Add(plainSeconds);
            var laboratory = lakeReport.Availability.Single(a => a.Register == RegisterNames.Laboratory).Total.Value;
            Require(lakeReport.CohortSize.Value == plainAnswer.Cohort, $"cohort size: Lake {lakeReport.CohortSize}, plain {plainAnswer.Cohort}");
            Require(laboratory == plainAnswer.LaboratoryRows, $"laboratory rows of the cohort: Lake {laboratory}, plain {plainAnswer.LaboratoryRows}");
            if (run == 0)
                log.WriteLine($"Preliminary: cohort {plainAnswer.Cohort:N0} patients, {plainAnswer.LaboratoryRows:N0} laboratory rows; both sides agree.");
        }

        var lakeExtraction = new List<double>();
        var plainExtraction = new List<double>();
        var plainOutput = Path.Combine(lake.Folder, "plain-delivery");
        for (var run = 0; run < arguments.ExtractionRuns; run++)
        {
            var (manifest, lakeSeconds) = Timed(() => lakeStudy.Extract(specification));
            var (plainRows, plainSeconds) = Timed(() => plain.Extract(from, to, plainOutput));
            lakeExtraction.Add(lakeSeconds);
            plainExtraction.Add(plainSeconds);
            long Delivered(string register) => manifest.Files.Single(f => f.Register == register && f.Name.EndsWith(".parquet", StringComparison.Ordinal)).Rows;
            Require(Delivered(RegisterNames.Laboratory) == plainRows.Laboratory, $"laboratory rows delivered: Lake {Delivered(RegisterNames.Laboratory)}, plain {plainRows.Laboratory}");
            Require(Delivered(RegisterNames.Diagnosis) == plainRows.Diagnosis, $"diagnosis rows delivered: Lake {Delivered(RegisterNames.Diagnosis)}, plain {plainRows.Diagnosis}");
            if (run == 0)
                log.WriteLine($"Extraction: {plainRows.Laboratory:N0} laboratory and {plainRows.Diagnosis:N0} diagnosis rows for {manifest.CohortSize:N0} patients; both sides agree.");
            Directory.Delete(Path.Combine(lake.DeliveryRoot), recursive: true);
            Directory.Delete(plainOutput, recursive: true);
        }

        var result = new ExtractionBenchResult
        {
            MeasuredAt = DateTimeOffset.UtcNow,
            Commit = Environment.GetEnvironmentVariable("LAKE_BENCH_COMMIT"),
            LaboratoryRows = rows[RegisterNames.Laboratory],
            DiagnosisRows = rows[RegisterNames.Diagnosis],
            Preliminary = new TimedPair(lakePreliminary, plainPreliminary),
            Extraction = new TimedPair(lakeExtraction, plainExtraction),
        };
        Report(result, log);
        Directory.CreateDirectory(arguments.ResultsFolder);
        var path = Path.Combine(arguments.ResultsFolder, $"extract-{DateTime.UtcNow:yyyy-MM-dd}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(result, LakeJson.Options));
        log.WriteLine($"Results: {path}");
        return 0;
    }

    private static void Report(ExtractionBenchResult result, TextWriter log)
    {
        log.WriteLine();
        log.WriteLine("| measurement | Lake median s | plain DuckDB median s | Lake / plain | target |");
        log.WriteLine("|---|---:|---:|---:|---|");
        log.WriteLine(Line("preliminary study", result.Preliminary, "Lake < 1 s"));
        log.WriteLine(Line("extraction (~1 % cohort)", result.Extraction, "Lake / plain ≤ 1.5"));
    }

    private static string Line(string name, TimedPair pair, string target) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {pair.LakeMedian:0.000} | {pair.PlainMedian:0.000} | {pair.Ratio:0.00}× | {target} |");

    private static Dictionary<string, long> RowsPerRegister(BenchLake lake) =>
        new CommitLog(lake.Layout).ReadAll().GroupBy(b => b.Register).ToDictionary(g => g.Key, g => g.Sum(b => b.RowsWritten));

    private static (T Result, double Seconds) Timed<T>(Func<T> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = action();
        return (result, stopwatch.Elapsed.TotalSeconds);
    }

    private static void Require(bool agree, string what)
    {
        if (!agree)
            throw new InvalidOperationException($"Lake and plain DuckDB disagree on the {what}; the timings would compare different answers.");
    }
}
