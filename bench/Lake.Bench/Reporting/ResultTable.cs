using Lake.Bench.Variants;

namespace Lake.Bench.Reporting;

/// <summary>The console table: one line per variant, then Lake's throughput ratios.</summary>
internal static class ResultTable
{
    public static void Print(TextWriter output, BenchReport report)
    {
        output.WriteLine();
        output.WriteLine($"Ingest of {report.Feed.Rows:N0} Multilab rows ({report.Feed.Bytes / 1e6:N0} MB, {report.Feed.DistinctPersons:N0} persons), "
            + $"{report.Machine.LogicalCores} cores, {report.Machine.Cpu}; fastest of {report.Runs} run(s)");
        output.WriteLine();
        output.WriteLine($"{"variant",-22} {"rows/s",12} {"MB/s",8} {"wall s",8} {"CPU s",8} {"peak RSS MB",12} {"out MB",8} {"files",6} {"rows/CPU-s",11} {"others CPU s",12}");
        foreach (var r in report.Results)
        {
            output.WriteLine($"{r.Variant,-22} {r.RowsPerSecond,12:N0} {r.InputMBPerSecond,8:N1} {r.WallSeconds,8:N2} {r.CpuSeconds,8:N2} "
                + $"{r.PeakRssBytes / 1e6,12:N0} {r.OutputBytes / 1e6,8:N1} {r.OutputFiles,6} {r.RowsPerCpuSecond,11:N0} {r.OthersCpuSeconds,12:N1}");
        }

        output.WriteLine();
        foreach (var (other, ratio) in report.LakeThroughputRatios)
            output.WriteLine($"Lake / {other,-22} {ratio,6:N2}x throughput   {report.LakeCpuEfficiencyRatios[other],6:N2}x rows per CPU-second   (>1 means Lake is faster)");

        var lake = report.Results.FirstOrDefault(r => r.Variant == VariantNames.Lake);
        if (lake is not null && lake.RowsQuarantined > 0)
            output.WriteLine($"Note: Lake quarantined {lake.RowsQuarantined:N0} rows; the feed is meant to be clean.");
    }
}
