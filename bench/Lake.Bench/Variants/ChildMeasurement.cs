using System.Diagnostics;
using Lake.Bench.Reporting;

namespace Lake.Bench.Variants;

/// <summary>Reads what the child process used, after its one measured piece of work.</summary>
internal static class ChildMeasurement
{
    public static VariantResult Complete(string variant, string feed, long rowsRead, long rowsWritten, long rowsQuarantined, TimeSpan wall, string outputFolder)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var outputs = Directory.Exists(outputFolder)
            ? Directory.EnumerateFiles(outputFolder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList()
            : [];
        return new VariantResult
        {
            Variant = variant,
            InputBytes = new FileInfo(feed).Length,
            RowsRead = rowsRead,
            RowsWritten = rowsWritten,
            RowsQuarantined = rowsQuarantined,
            WallSeconds = wall.TotalSeconds,
            CpuSeconds = process.TotalProcessorTime.TotalSeconds,
            // On Linux this is VmHWM from /proc/self/status: the resident high-water mark, native memory included.
            PeakRssBytes = process.PeakWorkingSet64,
            OutputBytes = outputs.Sum(f => f.Length),
            OutputFiles = outputs.Count(f => f.Extension == ".parquet"),
            AllocatedBytes = GC.GetTotalAllocatedBytes(),
            Gen0Collections = GC.CollectionCount(0),
            Gen1Collections = GC.CollectionCount(1),
            Gen2Collections = GC.CollectionCount(2),
            GcPauseSeconds = GC.GetTotalPauseDuration().TotalSeconds,
        };
    }
}
