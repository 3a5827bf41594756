using System.Text.Json;
using Lake.Bench.Feeds;
using Lake.Bench.Reporting;
using Lake.Bench.Variants;

namespace Lake.Bench;

/// <summary>
/// The `run` command: one feed, every variant in its own child process (interleaved when repeated,
/// so drift on the machine hits all variants alike), a table, ratios and a JSON result file. With
/// several runs the fastest of each variant counts: on a shared machine noise only ever adds time.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var (feed, info) = FeedCache.GetOrCreate(arguments.DataFolder, arguments.Rows, arguments.Persons ?? FeedCache.DefaultPersons(arguments.Rows), Console.Out);
        FeedCache.WarmPageCache(feed);

        var all = new List<VariantResult>();
        for (var run = 1; run <= arguments.Runs; run++)
        {
            foreach (var variant in arguments.Variants)
            {
                var work = Path.Combine(arguments.WorkFolder, $"{variant}-{run}");
                if (Directory.Exists(work))
                    Directory.Delete(work, recursive: true);
                Directory.CreateDirectory(work);

                Console.WriteLine($"Run {run}/{arguments.Runs}: {variant} ...");
                var busyBefore = await QuietAsync(arguments, cancellationToken);
                List<string> childArguments = ["variant", variant, "--feed", feed, "--work", work, "--repo", arguments.RepositoryRoot];
                if (arguments.RowGroupSize is { } size)
                    childArguments.AddRange(["--row-group-size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                var result = await ChildProcessRunner.RunAsync(childArguments, cancellationToken) with { OthersBusyCoresBefore = busyBefore };
                Console.WriteLine($"  {result.WallSeconds:N2} s, {result.RowsPerSecond:N0} rows/s, peak RSS {result.PeakRssBytes / 1e6:N0} MB");
                all.Add(result);
                if (!arguments.Keep)
                    Directory.Delete(work, recursive: true);
            }
        }

        var best = arguments.Variants.Select(v => all.Where(r => r.Variant == v).MinBy(r => r.WallSeconds)!).ToList();
        var report = new BenchReport
        {
            MeasuredAt = DateTimeOffset.UtcNow,
            Commit = Environment.GetEnvironmentVariable("LAKE_BENCH_COMMIT"),
            Machine = MachineInfo.Current(DuckDbCopyVariant.Version()),
            FeedFile = Path.GetFileName(feed),
            Feed = info,
            Runs = arguments.Runs,
            Variants = arguments.Variants.ToDictionary(v => v, VariantNames.Describe),
            Results = best,
            LakeThroughputRatios = Ratios(best, r => r.RowsPerSecond),
            LakeCpuEfficiencyRatios = Ratios(best, r => r.RowsPerCpuSecond),
            AllRuns = all,
        };

        ResultTable.Print(Console.Out, report);
        CheckRowCounts(best);

        Directory.CreateDirectory(arguments.ResultsFolder);
        // A quick run with fewer rows must not overwrite the day's full run.
        var suffix = arguments.Rows == BenchArguments.DefaultRows ? "" : $"-{arguments.Rows}rows";
        var path = Path.Combine(arguments.ResultsFolder, $"ingest-{report.MeasuredAt:yyyy-MM-dd}{suffix}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchJson.File) + "\n", cancellationToken);
        Console.WriteLine($"Results: {path}");
        return 0;
    }

    /// <summary>Before a measurement: the cores other processes were using once quiet (or the wait ran out).</summary>
    public static async Task<double> QuietAsync(BenchArguments arguments, CancellationToken cancellationToken) =>
        arguments.QuietWait > TimeSpan.Zero
            ? await SystemCpu.WaitForQuietAsync(arguments.QuietCores, arguments.QuietWait, Console.Out, cancellationToken)
            : 0;

    private static Dictionary<string, double> Ratios(IReadOnlyList<VariantResult> results, Func<VariantResult, double> rate)
    {
        var lake = results.FirstOrDefault(r => r.Variant == VariantNames.Lake);
        return lake is null
            ? []
            : results.Where(r => r.Variant != VariantNames.Lake).ToDictionary(r => r.Variant, r => Math.Round(rate(lake) / rate(r), 3));
    }

    private static void CheckRowCounts(IReadOnlyList<VariantResult> results)
    {
        if (results.Select(r => r.RowsWritten).Distinct().Count() > 1)
            Console.WriteLine("Warning: the variants wrote different row counts: " + string.Join(", ", results.Select(r => $"{r.Variant} {r.RowsWritten:N0}")));
    }
}
