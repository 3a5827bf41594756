using System.Diagnostics;

namespace Lake.Testing;

/// <summary>
/// How a test starts the built `lake` command as a process of its own: the `lake.dll` copied
/// beside the test's output, run by a dotnet host, output redirected, configuration from the
/// environment given (and no appsettings.json of anyone else's: the working folder is the test's).
/// </summary>
public static class LakeCommand
{
    public static string BuiltDll => Path.Combine(AppContext.BaseDirectory, "lake.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args,
        string dotnet = "dotnet", string? lakeDll = null)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(lakeDll ?? BuiltDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return start;
    }
}
