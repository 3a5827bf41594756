using System.Runtime;
using System.Runtime.InteropServices;

namespace Lake.Bench.Reporting;

/// <summary>The machine a result was measured on; numbers from different machines are not comparable.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, double MemoryGB, string Os, string Runtime, bool ServerGc, string DuckDbVersion)
{
    public static MachineInfo Current(string duckDbVersion) => new(
        CpuModel(),
        Environment.ProcessorCount,
        Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        duckDbVersion);

    private static string CpuModel() =>
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static long MemoryKiB() =>
        long.TryParse(ProcLine("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kib) ? kib : 0;

    private static string? ProcLine(string path, string key)
    {
        if (!File.Exists(path))
            return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
