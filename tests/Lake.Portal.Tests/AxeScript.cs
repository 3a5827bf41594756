using System.Diagnostics;
using System.Reflection;

namespace Lake.Portal.Tests;

/// <summary>
/// axe-core's browser script, from npm: package.json and package-lock.json beside this project pin
/// the version, and `npm ci` installs it when node_modules is missing (it is never committed).
/// </summary>
internal static class AxeScript
{
    private static readonly Lazy<string> Source = new(Load);

    public static string Text => Source.Value;

    private static string Load()
    {
        var folder = typeof(AxeScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalTestsFolder").Value!;
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
            NpmCi(folder);
        return File.ReadAllText(script);
    }

    private static void NpmCi(string folder)
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            TestEnvironment.IgnoreLocallyFailOnCi("npm is not installed; it installs axe-core for the accessibility scans (Debian: apt-get install npm).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("npm ci did not finish within five minutes.");
            }

            if (process.ExitCode != 0)
                Assert.Fail($"npm ci failed ({process.ExitCode}): {errors.Result}{output.Result}");
        }
    }
}
