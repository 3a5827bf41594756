using System.Globalization;
using Lake.Bench.Variants;

namespace Lake.Bench;

/// <summary>
/// The command line: <c>[run|generate|profile|variant NAME] [ROWS] [--rows N] [--persons N] [--runs N]
/// [--variants a,b] [--row-group-size N] [--repo DIR] [--data DIR] [--work DIR] [--results DIR] [--feed FILE] [--quiet-wait SECONDS] [--keep]</c>.
/// Row counts accept 10000000, 10_000_000, 10M or 500k.
/// </summary>
internal sealed class BenchArguments
{
    public const long DefaultRows = 10_000_000;

    public string Command { get; private set; } = "run";

    public string? VariantName { get; private set; }

    public long Rows { get; private set; } = DefaultRows;

    public int? Persons { get; private set; }

    public int Runs { get; private set; } = 1;

    public IReadOnlyList<string> Variants { get; private set; } = VariantNames.All;

    public int? RowGroupSize { get; private set; }

    public string RepositoryRoot { get; private set; } = "";

    public string DataFolder { get; private set; } = "";

    public string WorkFolder { get; private set; } = "";

    public string ResultsFolder { get; private set; } = "";

    public string? Feed { get; private set; }

    public bool Keep { get; private set; }

    /// <summary>How long to wait, before each measurement, for other processes to leave the cores alone; 0 to not wait.</summary>
    public TimeSpan QuietWait { get; private set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cores other processes may keep busy and still count as quiet.</summary>
    public double QuietCores { get; } = 0.3;

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        string? repo = null, data = null, work = null, results = null;
        var rowsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "run" or "generate" or "profile" when i == 0:
                    parsed.Command = arg;
                    break;
                case "variant" when i == 0:
                    parsed.Command = arg;
                    parsed.VariantName = Value();
                    VariantNames.Describe(parsed.VariantName);
                    break;
                case "--rows":
                    parsed.Rows = ParseCount(Value());
                    rowsGiven = true;
                    break;
                case "--persons":
                    parsed.Persons = (int)ParseCount(Value());
                    break;
                case "--runs":
                    parsed.Runs = (int)ParseCount(Value());
                    break;
                case "--variants":
                    parsed.Variants = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    foreach (var name in parsed.Variants)
                        VariantNames.Describe(name);
                    break;
                case "--row-group-size":
                    parsed.RowGroupSize = (int)ParseCount(Value());
                    break;
                case "--repo":
                    repo = Value();
                    break;
                case "--data":
                    data = Value();
                    break;
                case "--work":
                    work = Value();
                    break;
                case "--results":
                    results = Value();
                    break;
                case "--feed":
                    parsed.Feed = Value();
                    break;
                case "--quiet-wait":
                    parsed.QuietWait = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture));
                    break;
                case "--keep":
                    parsed.Keep = true;
                    break;
                default:
                    if (!rowsGiven && !arg.StartsWith('-'))
                    {
                        parsed.Rows = ParseCount(arg);
                        rowsGiven = true;
                        break;
                    }

                    throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        if (parsed.Command == "profile" && !rowsGiven)
            parsed.Rows = 2_000_000;

        parsed.RepositoryRoot = Path.GetFullPath(repo ?? FindRepositoryRoot());
        var artifacts = Path.Combine(parsed.RepositoryRoot, "artifacts", "bench");
        parsed.DataFolder = Path.GetFullPath(data ?? Path.Combine(artifacts, "feeds"));
        parsed.WorkFolder = Path.GetFullPath(work ?? Path.Combine(artifacts, "work"));
        parsed.ResultsFolder = Path.GetFullPath(results ?? Path.Combine(parsed.RepositoryRoot, "bench", "results"));
        return parsed;
    }

    public static long ParseCount(string text)
    {
        var clean = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        var multiplier = 1L;
        if (clean.EndsWith('k') || clean.EndsWith('K'))
            multiplier = 1_000;
        else if (clean.EndsWith('M') || clean.EndsWith('m'))
            multiplier = 1_000_000;
        if (multiplier > 1)
            clean = clean[..^1];
        return long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value * multiplier
            : throw new ArgumentException($"'{text}' is not a positive count.");
    }

    /// <summary>The checkout this executable was built from: the nearest folder up with Lake.sln and sources/.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Lake.sln")) && Directory.Exists(Path.Combine(folder.FullName, "sources")))
                    return folder.FullName;
            }
        }

        throw new ArgumentException("Cannot find the repository root (a folder with Lake.sln and sources/); pass --repo.");
    }
}
