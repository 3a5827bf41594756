namespace Lake.Bench.Reporting;

/// <summary>One measured run of one variant, as its child process reports it.</summary>
internal sealed record VariantResult
{
    public required string Variant { get; init; }

    public required long InputBytes { get; init; }

    public required long RowsRead { get; init; }

    public required long RowsWritten { get; init; }

    public long RowsQuarantined { get; init; }

    /// <summary>From the start of the ingest call or COPY statement until the output files are closed; excludes process start.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>User plus system CPU time of the whole child process; above the wall time means more than one core was busy.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>VmHWM of the child process: managed heap, native DuckDB memory and code all count.</summary>
    public required long PeakRssBytes { get; init; }

    public required long OutputBytes { get; init; }

    public required int OutputFiles { get; init; }

    public long AllocatedBytes { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen1Collections { get; init; }

    public int Gen2Collections { get; init; }

    public double GcPauseSeconds { get; init; }

    /// <summary>Wall time of the child process as the parent saw it, runtime start and teardown included.</summary>
    public double ProcessSeconds { get; init; }

    /// <summary>Cores other processes kept busy just before the child started (the machine may be shared).</summary>
    public double OthersBusyCoresBefore { get; init; }

    /// <summary>CPU seconds other processes used while the child ran; contention inflates wall times.</summary>
    public double OthersCpuSeconds { get; init; }

    /// <summary>CPU seconds the hypervisor gave to other guests while the child ran.</summary>
    public double StealSeconds { get; init; }

    public double RowsPerSecond => RowsRead / WallSeconds;

    public double InputMBPerSecond => InputBytes / 1e6 / WallSeconds;

    /// <summary>Rows per second of CPU, all cores together: how much work a row costs, whatever the parallelism.</summary>
    public double RowsPerCpuSecond => RowsRead / CpuSeconds;
}
