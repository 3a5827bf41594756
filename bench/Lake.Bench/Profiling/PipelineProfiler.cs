using System.Text.Json;
using Lake.Bench.Feeds;
using Lake.Bench.Reporting;
using Lake.Bench.Variants;

namespace Lake.Bench.Profiling;

/// <summary>
/// The `profile` command: where Lake's ingest time goes. Passes over the feed to increasing depths
/// (read, + identity, + conversion, + checks, + Parquet) give each stage's time as a difference;
/// per-column conversion costs and Parquet settings are measured on a sample held in memory.
/// </summary>
internal static class PipelineProfiler
{
    private const int SampleRows = 500_000;

    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var (feed, info) = FeedCache.GetOrCreate(arguments.DataFolder, arguments.Rows, arguments.Persons ?? FeedCache.DefaultPersons(arguments.Rows), Console.Out);
        FeedCache.WarmPageCache(feed);
        var work = Path.Combine(arguments.WorkFolder, "profile");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        var context = ProfileContext.Create(feed, work, arguments.RepositoryRoot);

        Console.WriteLine("Measuring FeedIngestor.IngestAsync on the same feed (child process) ...");
        var measuredWork = context.Folder("measured");
        await IngestBenchmark.QuietAsync(arguments, cancellationToken);
        var measured = await ChildProcessRunner.RunAsync(["variant", VariantNames.Lake, "--feed", feed, "--work", measuredWork, "--repo", arguments.RepositoryRoot], cancellationToken);

        // A throw-away pass first, so the passes that count run tiered-up code.
        Console.WriteLine("Warm-up pass ...");
        await ProfiledPipeline.RunAsync(context, PipelineDepth.Write, PassOptions.AsShipped, cancellationToken);

        var sha256 = double.MaxValue;
        var decode = double.MaxValue;
        var passes = new Dictionary<PipelineDepth, PassTiming>();
        var whatIfs = new Dictionary<string, PassTiming>(StringComparer.Ordinal);
        for (var run = 1; run <= arguments.Runs; run++)
        {
            await IngestBenchmark.QuietAsync(arguments, cancellationToken);
            sha256 = Math.Min(sha256, await ProfiledPipeline.Sha256Async(feed, cancellationToken));
            decode = Math.Min(decode, ProfiledPipeline.DecodeOnly(feed));
            foreach (var depth in Enum.GetValues<PipelineDepth>())
            {
                await IngestBenchmark.QuietAsync(arguments, cancellationToken);
                var pass = await ProfiledPipeline.RunAsync(context, depth, PassOptions.AsShipped, cancellationToken);
                Console.WriteLine($"Run {run}/{arguments.Runs}: to {depth,-8} {pass.Seconds,7:N2} s");
                if (!passes.TryGetValue(depth, out var best) || pass.Seconds < best.Seconds)
                    passes[depth] = pass;
            }

            foreach (var options in WhatIfs(context))
            {
                await IngestBenchmark.QuietAsync(arguments, cancellationToken);
                var pass = await ProfiledPipeline.RunAsync(context, PipelineDepth.Write, options, cancellationToken);
                Console.WriteLine($"Run {run}/{arguments.Runs}: {options.Name,-40} {pass.Seconds,7:N2} s");
                if (!whatIfs.TryGetValue(options.Name, out var best) || pass.Seconds < best.Seconds)
                    whatIfs[options.Name] = pass;
            }
        }

        Console.WriteLine($"Per-column conversion on {SampleRows:N0} rows in memory ...");
        var columns = ConverterProfiler.Run(context, (int)Math.Min(SampleRows, arguments.Rows));
        Console.WriteLine($"Parquet settings on {SampleRows:N0} converted rows ...");
        var parquet = await ParquetWhatIf.RunAsync(context, (int)Math.Min(SampleRows, arguments.Rows), cancellationToken);

        var report = new ProfileReport
        {
            MeasuredAt = DateTimeOffset.UtcNow,
            Commit = Environment.GetEnvironmentVariable("LAKE_BENCH_COMMIT"),
            Machine = MachineInfo.Current(DuckDbCopyVariant.Version()),
            FeedFile = Path.GetFileName(feed),
            Feed = info,
            Measured = measured,
            Passes = [.. passes.Values.OrderBy(p => p.Depth)],
            Stages = Stages(sha256, decode, passes, info.Rows),
            WhatIfPasses = [passes[PipelineDepth.Write], .. whatIfs.Values],
            Columns = columns,
            ParquetSettings = parquet,
        };

        Print(Console.Out, report);
        if (!arguments.Keep)
            Directory.Delete(work, recursive: true);

        Directory.CreateDirectory(arguments.ResultsFolder);
        var path = Path.Combine(arguments.ResultsFolder, $"ingest-profile-{report.MeasuredAt:yyyy-MM-dd}-{arguments.Rows}rows.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchJson.File) + "\n", cancellationToken);
        Console.WriteLine($"Results: {path}");
        return 0;
    }

    private static IEnumerable<PassOptions> WhatIfs(ProfileContext context)
    {
        // Fewer rows waiting per open partition: 26 year partitions each hold a row group in the making.
        yield return new PassOptions($"row groups of {context.RowGroupSize / 4:N0} rows", RowGroupSize: context.RowGroupSize / 4);
    }

    private static List<StageShare> Stages(double sha256, double decode, Dictionary<PipelineDepth, PassTiming> passes, long rows)
    {
        var read = passes[PipelineDepth.Read];
        var identity = passes[PipelineDepth.Identity];
        var convert = passes[PipelineDepth.Convert];
        var check = passes[PipelineDepth.Check];
        var write = passes[PipelineDepth.Write];
        var parts = new (string Stage, double Seconds, double? Cpu, long Allocated, double GcPause)[]
        {
            ("SHA-256 of the feed (batch id, before reading)", sha256, sha256, 0, 0),
            ("UTF-8 decoding (StreamReader)", decode, decode, 0, 0),
            ("splitting fields (Sep) + copy into FeedRecord", read.Seconds - decode, read.CpuSeconds - decode, read.AllocatedBytes, read.GcPauseSeconds),
            ("identity lookup (IdentityCache; crypto once per person)", identity.Seconds - read.Seconds, identity.CpuSeconds - read.CpuSeconds, identity.AllocatedBytes - read.AllocatedBytes, identity.GcPauseSeconds - read.GcPauseSeconds),
            ("field conversion (RowMapper.Map)", convert.Seconds - identity.Seconds, convert.CpuSeconds - identity.CpuSeconds, convert.AllocatedBytes - identity.AllocatedBytes, convert.GcPauseSeconds - identity.GcPauseSeconds),
            ("plausibility checks", check.Seconds - convert.Seconds, check.CpuSeconds - convert.CpuSeconds, check.AllocatedBytes - convert.AllocatedBytes, check.GcPauseSeconds - convert.GcPauseSeconds),
            // The write stage runs on two threads; its CPU, allocations and GC are shown once, on its first line.
            ("write stage: buffering rows, handing over row groups", write.Seconds - check.Seconds - write.BlockedSeconds - write.DrainSeconds, write.CpuSeconds - check.CpuSeconds,
                write.AllocatedBytes - check.AllocatedBytes, write.GcPauseSeconds - check.GcPauseSeconds),
            ("  reading thread waiting for the writer (queue full)", write.BlockedSeconds, null, 0, 0),
            ("  after the last row: last row groups, close, fsync", write.DrainSeconds, null, 0, 0),
        };

        var total = parts.Sum(p => p.Seconds);
        return [.. parts.Select(p => new StageShare(p.Stage, p.Seconds, p.Seconds * 1e9 / rows, p.Seconds / total, p.Cpu, (double)p.Allocated / rows, p.GcPause))];
    }

    private static void Print(TextWriter output, ProfileReport report)
    {
        var rows = report.Feed.Rows;
        output.WriteLine();
        output.WriteLine($"Where Lake's ingest time goes: {rows:N0} rows, {report.Feed.Bytes / 1e6:N0} MB, {report.Machine.LogicalCores} cores");
        output.WriteLine($"FeedIngestor.IngestAsync measured: {report.Measured.WallSeconds:N2} s ({report.Measured.RowsPerSecond:N0} rows/s, "
            + $"{(double)report.Measured.AllocatedBytes / rows:N0} B allocated/row, GC pauses {report.Measured.GcPauseSeconds:N2} s); sum of stages: {report.Stages.Sum(s => s.Seconds):N2} s");
        output.WriteLine();
        output.WriteLine($"{"stage (wall time on the reading thread; CPU on all threads)",-58} {"wall s",7} {"ns/row",8} {"share",6} {"CPU s",7} {"alloc B/row",12} {"GC pause s",10}");
        foreach (var s in report.Stages)
        {
            var cpu = s.CpuSeconds is { } c ? c.ToString("N2", System.Globalization.CultureInfo.CurrentCulture) : "";
            output.WriteLine($"{s.Stage,-58} {s.Seconds,7:N2} {s.NanosecondsPerRow,8:N0} {s.Share,6:P0} {cpu,7} {s.AllocatedBytesPerRow,12:N0} {s.GcPauseSeconds,10:N2}");
        }

        output.WriteLine();
        output.WriteLine($"{"full pass (to Parquet, no SHA-256)",-44} {"wall s",7} {"CPU s",7} {"GC pause s",10} {"gen2 GCs",9} {"alloc B/row",12}");
        foreach (var p in report.WhatIfPasses)
            output.WriteLine($"{p.Name,-44} {p.Seconds,7:N2} {p.CpuSeconds,7:N2} {p.GcPauseSeconds,10:N2} {p.Gen2Collections,9} {(double)p.AllocatedBytes / p.Rows,12:N0}");

        output.WriteLine();
        output.WriteLine($"{"column",-14} {"how",-78} {"ns/row",8} {"alloc B/row",12}");
        foreach (var c in report.Columns)
            output.WriteLine($"{c.Column,-14} {c.How,-78} {c.NanosecondsPerRow,8:N0} {c.AllocatedBytesPerRow,12:N0}");

        output.WriteLine();
        output.WriteLine($"{"Parquet setting (one partition, same rows)",-48} {"s",7} {"ns/row",8} {"MB",8}");
        foreach (var w in report.ParquetSettings)
            output.WriteLine($"{w.Setting,-48} {w.Seconds,7:N2} {w.NanosecondsPerRow,8:N0} {w.Bytes / 1e6,8:N1}");
    }
}
