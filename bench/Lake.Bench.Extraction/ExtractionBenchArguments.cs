using System.Globalization;

namespace Lake.Bench.Extraction;

/// <summary>
/// <c>--lab-feed FILE [--diagnosis-rows N] [--runs N] [--extraction-runs N] [--repo DIR] [--work DIR] [--results DIR]</c>.
/// The laboratory feed comes from the ingest benchmark's generator (bench/run-extract.sh makes it).
/// </summary>
internal sealed class ExtractionBenchArguments
{
    public string LaboratoryFeed { get; private set; } = "";

    public long DiagnosisRows { get; private set; } = 2_000_000;

    public int PreliminaryRuns { get; private set; } = 7;

    public int ExtractionRuns { get; private set; } = 3;

    public string RepositoryRoot { get; private set; } = "";

    /// <summary>One lake per feed set: a different feed or diagnosis count builds its own.</summary>
    public string LakeFolder { get; private set; } = "";

    public string ResultsFolder { get; private set; } = "";

    public static ExtractionBenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ExtractionBenchArguments();
        string? work = null, results = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--lab-feed": parsed.LaboratoryFeed = Path.GetFullPath(Value()); break;
                case "--diagnosis-rows": parsed.DiagnosisRows = long.Parse(Value().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture); break;
                case "--runs": parsed.PreliminaryRuns = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--extraction-runs": parsed.ExtractionRuns = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--repo": parsed.RepositoryRoot = Path.GetFullPath(Value()); break;
                case "--work": work = Value(); break;
                case "--results": results = Value(); break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        if (!File.Exists(parsed.LaboratoryFeed))
            throw new ArgumentException("--lab-feed must name an existing laboratory feed (bench/run-extract.sh generates one).");
        if (parsed.RepositoryRoot.Length == 0)
            throw new ArgumentException("--repo must name the repository root (its sources/ folder has the descriptors).");

        var name = $"{Path.GetFileNameWithoutExtension(parsed.LaboratoryFeed)}-dx{parsed.DiagnosisRows}";
        parsed.LakeFolder = Path.GetFullPath(Path.Combine(work ?? Path.Combine(parsed.RepositoryRoot, "artifacts", "bench", "extract"), name));
        parsed.ResultsFolder = Path.GetFullPath(results ?? Path.Combine(parsed.RepositoryRoot, "bench", "results"));
        return parsed;
    }
}
