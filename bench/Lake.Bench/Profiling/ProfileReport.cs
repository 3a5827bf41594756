using Lake.Bench.Feeds;
using Lake.Bench.Reporting;

namespace Lake.Bench.Profiling;

/// <summary>Where Lake's ingest time goes, as written to bench/results/ingest-profile-DATE.json.</summary>
internal sealed record ProfileReport
{
    public required DateTimeOffset MeasuredAt { get; init; }

    public string? Commit { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string FeedFile { get; init; }

    public required FeedInfo Feed { get; init; }

    /// <summary>FeedIngestor.IngestAsync on the same feed in a child process, to check the stages add up.</summary>
    public required VariantResult Measured { get; init; }

    public required IReadOnlyList<PassTiming> Passes { get; init; }

    public required IReadOnlyList<StageShare> Stages { get; init; }

    /// <summary>Full passes with one change each, beside the full pass as shipped.</summary>
    public required IReadOnlyList<PassTiming> WhatIfPasses { get; init; }

    public required IReadOnlyList<ColumnCost> Columns { get; init; }

    public required IReadOnlyList<WriteCost> ParquetSettings { get; init; }
}
