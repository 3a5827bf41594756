using Lake.Bench.Feeds;

namespace Lake.Bench.Reporting;

/// <summary>Everything one `run` measured, as written to bench/results/ingest-DATE.json.</summary>
internal sealed record BenchReport
{
    public string Benchmark { get; init; } = "ingest";

    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The commit measured, when run-ingest.sh could tell (LAKE_BENCH_COMMIT).</summary>
    public string? Commit { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string FeedFile { get; init; }

    public required FeedInfo Feed { get; init; }

    public required int Runs { get; init; }

    public required IReadOnlyDictionary<string, string> Variants { get; init; }

    /// <summary>Per variant, its fastest run.</summary>
    public required IReadOnlyList<VariantResult> Results { get; init; }

    /// <summary>Lake's throughput divided by each other variant's; above 1 means Lake is faster.</summary>
    public required IReadOnlyDictionary<string, double> LakeThroughputRatios { get; init; }

    /// <summary>Lake's rows per CPU-second divided by each other variant's: the cost of a row, parallelism aside.</summary>
    public required IReadOnlyDictionary<string, double> LakeCpuEfficiencyRatios { get; init; }

    public required IReadOnlyList<VariantResult> AllRuns { get; init; }
}
