using System.ComponentModel.DataAnnotations;

namespace Lake.Telemetry.History;

/// <summary>
/// Section "Telemetry:History": how often the in-process history samples Lake's meters, how many
/// samples it keeps and how many series at most. The defaults keep three hours at one point per
/// 10 s; at the cap of 200 series that is 200 × 1,081 points of 32 bytes, about 7 MB, whatever
/// runs for however long.
/// </summary>
public sealed class MeterHistoryOptions
{
    public const string SectionName = "Telemetry:History";

    [Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>Samples kept per series; the oldest goes when a new one comes.</summary>
    [Range(2, 100_000)]
    public int PointsKept { get; set; } = 1080;

    /// <summary>
    /// Series (instrument and tag values) kept at most. Lake's tags come from the catalog, so a few
    /// dozen is usual; a measurement that would start one more is counted as dropped instead.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxSeries { get; set; } = 200;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
