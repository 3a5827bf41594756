using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Lake.Bench.Reporting;

namespace Lake.Bench.Variants;

/// <summary>
/// Runs one variant in a child process of this same executable, so each variant's peak RSS is its
/// own and no variant inherits another's warmed-up heap or DuckDB buffer pool.
/// </summary>
internal static class ChildProcessRunner
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<VariantResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo { FileName = Environment.ProcessPath!, RedirectStandardOutput = true, UseShellExecute = false };
        // Started as `dotnet Lake.Bench.dll`, the process path is dotnet's; the assembly must be passed again.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var cpuBefore = SystemCpu.Now();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        VariantResult? result = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                result = JsonSerializer.Deserialize<VariantResult>(line[ResultPrefix.Length..], BenchJson.Line);
            else
                Console.WriteLine(line);
        }

        await process.WaitForExitAsync(cancellationToken);
        stopwatch.Stop();
        var cpu = SystemCpu.Now() - cpuBefore;
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"Child '{string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        return result with
        {
            ProcessSeconds = stopwatch.Elapsed.TotalSeconds,
            OthersCpuSeconds = Math.Max(0, cpu.BusySeconds - result.CpuSeconds),
            StealSeconds = cpu.StealSeconds,
        };
    }
}
