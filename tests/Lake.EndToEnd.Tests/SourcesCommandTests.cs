using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Follows docs/onboarding.md from start to finish, as a data engineer would: scan the Nefro feed,
/// edit the draft into the guide's descriptor (first with the guide's mistake), validate, show,
/// try, ingest, and find the system in the catalog. The feed starts with the guide's sample and
/// the descriptors are read from the guide itself, so the guide cannot drift from what Lake does.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console, and works in its own current directory as the guide does.
public sealed partial class SourcesCommandTests
{
    private const string DescriptorFile = "sources/nefro-basic-measurement.yaml";
    private const string FeedFile = "nefro_dialyysi.csv";
    private const string Guide = "docs/onboarding.md";

    /// <summary>Lines of the guide's sample that the guide says are quarantined, and why.</summary>
    private static readonly Dictionary<long, string> BrokenLines = new()
    {
        [6] = "invalid_identity",
        [7] = "invalid_date",
        [8] = "missing_required",
    };

    private readonly Dictionary<string, LakeConsole.Result> _steps = [];
    private string _root = "";
    private string _previousDirectory = "";
    private string _keyRing = "";
    private string _draft = "";
    private List<string> _feed = [];
    private bool _lakeAfterTry;
    private bool _keyRingAfterTry;

    [OneTimeSetUp]
    public async Task FollowTheGuide()
    {
        var guide = ReadGuide();
        _root = Path.Combine(Path.GetTempPath(), "lake-onboarding-" + Guid.NewGuid().ToString("N"));
        _keyRing = Path.Combine(_root, "keys", "keyring.json");
        Directory.CreateDirectory(Path.Combine(_root, "sources"));
        _previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _root;

        _feed = [.. GuideBlock(guide, "feed"), .. GeneratedSessions()];
        File.WriteAllText(FeedFile, string.Concat(_feed.Select(l => l + "\n")), Encoding.Latin1);

        await Step("init", "init");
        await Step("scan", "sources", "scan", FeedFile, "--out", DescriptorFile);
        _draft = File.ReadAllText(DescriptorFile);

        File.WriteAllText(DescriptorFile, string.Join("\n", GuideBlock(guide, "descriptor-with-mistake")) + "\n");
        await Step("validate with the mistake", "sources", "validate", DescriptorFile);
        await Step("show with the mistake", "sources", "show", DescriptorFile);
        File.WriteAllText(DescriptorFile, string.Join("\n", GuideBlock(guide, "descriptor")) + "\n");
        await Step("validate", "sources", "validate", DescriptorFile);
        await Step("show", "sources", "show", "nefro-basic-measurement");
        await Step("list", "sources", "list");

        await Step("try", "sources", "try", DescriptorFile, FeedFile, "--rows", "10");
        _lakeAfterTry = Directory.EnumerateFileSystemEntries(Path.Combine("lake-data", "lake", "_batches")).Any();
        _keyRingAfterTry = File.Exists(_keyRing);

        await Step("ingest", "ingest", "--source", "nefro-basic-measurement", FeedFile);
        await Step("catalog", "catalog");
        await Step("catalog json", "catalog", "--json");
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        Environment.CurrentDirectory = _previousDirectory;
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Scan_NefroFeed_ProposesEncodingDelimiterIdentityAndFormats()
    {
        var draft = ReadDescriptor(_draft);

        Assert.Multiple(() =>
        {
            Assert.That(_steps["scan"].ExitCode, Is.Zero, _steps["scan"].Output);
            Assert.That(_steps["scan"].Output, Does.Contain("encoding iso-8859-1").And.Contain("delimiter ;").And.Contain("identity column: HENKILOTUNNUS"));
            Assert.That(draft.Format.Encoding, Is.EqualTo("iso-8859-1"));
            Assert.That(draft.Format.Delimiter, Is.EqualTo(";"));
            Assert.That(draft.Format.Header, Is.True);
            Assert.That(draft.Identity, Is.EqualTo("HENKILOTUNNUS"));
            Assert.That(draft.Columns["mittausaika"].Format, Is.EqualTo("dd.MM.yyyy HH:mm"));
            Assert.That(draft.Columns["arvo"].Decimal, Is.EqualTo("comma"));
            Assert.That(draft.Years.From, Is.EqualTo(2016));
            AssertShowsGuideOutput(_steps["scan"], "scan-output");
            Assert.That(_draft.ReplaceLineEndings("\n").TrimEnd(), Is.EqualTo(string.Join("\n", GuideBlock(ReadGuide(), "draft"))), "the guide shows the draft as the scan writes it");
        });
    }

    [Test]
    public void Guide_FinalDescriptor_KeepsWhatTheScanProposed()
    {
        var draft = ReadDescriptor(_draft);
        var final = SourceDescriptorLoader.Load(Path.Combine(_root, DescriptorFile));

        Assert.Multiple(() =>
        {
            Assert.That(final.Format.Encoding, Is.EqualTo(draft.Format.Encoding));
            Assert.That(final.Format.Delimiter, Is.EqualTo(draft.Format.Delimiter));
            Assert.That(final.Identity, Is.EqualTo(draft.Identity));
            Assert.That(final.Columns["measured_at"].Format, Is.EqualTo(draft.Columns["mittausaika"].Format));
            Assert.That(final.Columns["value"].Decimal, Is.EqualTo(draft.Columns["arvo"].Decimal));
        });
    }

    [Test]
    public void Validate_GuidesMistake_ExitsTwoAndNamesTheLineAsTheGuideShows()
    {
        var run = _steps["validate with the mistake"];
        var line = GuideBlock(ReadGuide(), "descriptor-with-mistake").FindIndex(l => l.StartsWith("  unit:", StringComparison.Ordinal)) + 1;

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Output, Does.Contain($"line {line}: columns.unit: register 'basic_measurement' has no such column"));
            AssertShowsGuideOutput(run, "validate-mistake-output");
        });
    }

    [Test]
    public void Show_DescriptorWithAMistake_ListsItAndExitsTwo()
    {
        var run = _steps["show with the mistake"];

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), "a descriptor with problems is not shown as usable");
            Assert.That(run.Output, Does.Contain("columns.unit: register 'basic_measurement' has no such column"));
        });
    }

    [Test]
    public void Validate_GuidesDescriptor_ExitsZeroAsTheGuideShows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_steps["validate"].ExitCode, Is.Zero, _steps["validate"].Output);
            AssertShowsGuideOutput(_steps["validate"], "validate-output");
        });
    }

    [Test]
    public void ShowAndList_GuidesDescriptor_ShowColumnsAndTheirSources()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_steps["show"].ExitCode, Is.Zero);
            Assert.That(_steps["show"].Output, Does.Contain("feed column 'MITTAUSAIKA'; format dd.MM.yyyy HH:mm")
                .And.Contain("feed column 'ARVO'; decimal comma")
                .And.Contain("the dataset catalog does not list Nefro for basic_measurement"));
            Assert.That(_steps["list"].Output, Does.Contain("nefro-basic-measurement").And.Contain("Nefro → basic_measurement"));
        });
    }

    [Test]
    public void Try_FirstTenRows_ShowsMappedRowsAndTheGuidesRejectionsAndWritesNothing()
    {
        var run = _steps["try"];

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(Row(run, 2), Does.Contain("[identity code]").And.Contain("2016-01-04 07:45:00").And.Contain("weight_before_dialysis").And.Contain("82.4"));
            foreach (var (line, reason) in BrokenLines)
                Assert.That(Row(run, line), Does.Contain(reason), $"line {line}");
            Assert.That(run.Output, Does.Contain("10 rows read: 7 would be written, 3 quarantined, 0 excluded."));
            AssertShowsGuideOutput(run, "try-output");
            Assert.That(_lakeAfterTry, Is.False, "a dry run commits no batch to the lake");
            Assert.That(_keyRingAfterTry, Is.False, "a dry run makes no key ring");
        });
    }

    [Test]
    public void Ingest_GuidesFeed_WritesTheGoodRowsAndQuarantinesTheGuidesBrokenLines()
    {
        var commit = new CommitLog(new LakeLayout(Path.Combine(_root, "lake-data", "lake"))).ReadAll().Single();
        var quarantine = File.ReadAllLines(Path.Combine(_root, "lake-data", "lake", "_quarantine", commit.BatchId + ".csv")).Skip(1).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_steps["ingest"].ExitCode, Is.Zero, _steps["ingest"].Output);
            Assert.That(commit.SourceSystem, Is.EqualTo("Nefro"));
            Assert.That(commit.Register, Is.EqualTo("basic_measurement"));
            Assert.That(commit.RowsRead, Is.EqualTo(_feed.Count - 1));
            Assert.That(commit.RowsWritten, Is.EqualTo(_feed.Count - 1 - BrokenLines.Count));
            Assert.That(commit.QuarantinedByReason, Is.EquivalentTo(BrokenLines.Values.ToDictionary(r => r, _ => 1L)));
            Assert.That(quarantine.Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)), Is.EqualTo(BrokenLines.Keys));
            Assert.That(quarantine, Has.All.Contains("[identity code]"));
        });
    }

    [Test]
    public void Catalog_AfterIngest_ListsNefroUnderBasicMeasurementWithSmallCountsSuppressed()
    {
        using var json = JsonDocument.Parse(_steps["catalog json"].Output);
        var register = json.RootElement.GetProperty("registers").EnumerateArray().Single(r => r.GetProperty("register").GetString() == "basic_measurement");
        var source = register.GetProperty("sources").EnumerateArray().Single();
        var good = GoodRows().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(register.GetProperty("inLake").GetBoolean(), Is.True);
            Assert.That(source.GetProperty("system").GetString(), Is.EqualTo("Nefro"));
            Assert.That(source.GetProperty("inDatasetCatalog").GetBoolean(), Is.False);
            Assert.That(source.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()), Is.EqualTo(good.Select(r => r.Year).Distinct().Order()));
            Assert.That(source.GetProperty("rows").GetProperty("value").GetInt64(), Is.EqualTo(good.Count));
            Assert.That(source.GetProperty("patients").GetProperty("value").GetInt64(), Is.EqualTo(good.Select(r => r.Hetu).Distinct().Count()));
            Assert.That(register.GetProperty("quarantined").GetProperty("display").GetString(), Is.EqualTo("1-5"), "three quarantined rows are a small count");
            Assert.That(_steps["catalog"].Output, Does.Contain("Nefro *").And.Contain("No data yet"));
            AssertShowsGuideOutput(_steps["catalog"], "catalog-output");
        });
    }

    [Test]
    public void Commands_EveryStep_NeverPrintsAnIdentityCode()
    {
        var codes = _feed.Skip(1).Select(l => l.Split(';')[0]).ToHashSet();

        foreach (var (step, run) in _steps)
        {
            Assert.That(codes.Where(run.Output.Contains), Is.Empty, step);
            Assert.That(HetuShape().IsMatch(run.Output), Is.False, step);
        }
    }

    /// <summary>Each line the guide shows as a command's output (after the '$' line; '…' stands for lines left out) appears in what the command printed.</summary>
    private static void AssertShowsGuideOutput(LakeConsole.Result run, string block)
    {
        var expected = GuideBlock(ReadGuide(), block).Where(l => !l.StartsWith('$') && l != "…").ToList();
        Assert.That(expected, Is.Not.Empty, block);
        foreach (var line in expected)
            Assert.That(Normalize(run.Output), Does.Contain(Normalize(line)), $"the guide's {block}");
    }

    /// <summary>The table row of a dry run that starts with the feed line number.</summary>
    private static string Row(LakeConsole.Result run, long line) =>
        run.Output.Split('\n').FirstOrDefault(l => Regex.IsMatch(l, $@"^│\s*{line}\s*│")) ?? $"(no row for line {line})";

    private static string ReadGuide() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, Guide));

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The fenced block that follows the marker <c>&lt;!-- onboarding-test: NAME --&gt;</c> in the guide.</summary>
    private static List<string> GuideBlock(string guide, string name)
    {
        var lines = guide.ReplaceLineEndings("\n").Split('\n');
        var marker = Array.IndexOf(lines, $"<!-- onboarding-test: {name} -->");
        if (marker < 0 || !lines[marker + 1].StartsWith("```", StringComparison.Ordinal))
            throw new InvalidOperationException($"{Guide} has no block marked '{name}' followed by a fenced block.");
        return lines.Skip(marker + 2).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).ToList();
    }

    private SourceDescriptor ReadDescriptor(string text)
    {
        var path = Path.Combine(_root, $"read-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return SourceDescriptorLoader.Check(path, out _);
    }

    private IEnumerable<(string Hetu, int Year)> GoodRows() =>
        _feed.Skip(1)
            .Select((line, i) => (Line: i + 2L, Fields: line.Split(';')))
            .Where(r => !BrokenLines.ContainsKey(r.Line))
            .Select(r => (r.Fields[0], DateTime.ParseExact(r.Fields[1], "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture).Year));

    private async Task Step(string name, params string[] args) =>
        _steps[name] = await LakeConsole.RunAsync([.. args, "--data", "lake-data", "--sources", "sources", "--keyring", _keyRing]);

    /// <summary>Sixty more dialysis sessions of ten patients, 2016-2024, four measurements each: a feed like the guide's.</summary>
    private static IEnumerable<string> GeneratedSessions()
    {
        var random = new Random(20160104);
        var patients = Enumerable.Range(0, 10)
            .Select(i => Hetu.Create(new DateOnly(1935 + (i * 5), 1 + i, 3 + (i * 2)), 940 + i).Value)
            .Prepend("120354-912H")
            .ToList();
        const string Unit = "Munuaiskeskus, dialyysiyksikkö";
        for (var session = 0; session < 60; session++)
        {
            var patient = patients[session % patients.Count];
            var day = new DateTime(2016 + (session % 9), 1 + random.Next(12), 1 + random.Next(28), 7, 15 * random.Next(4), 0);
            var weight = 55 + (random.NextDouble() * 50);
            yield return $"{patient};{day:dd.MM.yyyy HH:mm};PAINO_ENNEN;{(weight + 2.1).ToString("0.0", FinnishNumbers)};kg;{Unit}";
            yield return $"{patient};{day.AddHours(4):dd.MM.yyyy HH:mm};PAINO_JALKEEN;{weight.ToString("0.0", FinnishNumbers)};kg;{Unit}";
            yield return $"{patient};{day.AddMinutes(5):dd.MM.yyyy HH:mm};RR_SYS;{110 + random.Next(60)};mmHg;{Unit}";
            yield return $"{patient};{day.AddMinutes(5):dd.MM.yyyy HH:mm};RR_DIA;{60 + random.Next(35)};mmHg;{Unit}";
        }
    }

    private static readonly NumberFormatInfo FinnishNumbers = new() { NumberDecimalSeparator = "," };

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z](?![0-9A-Za-z])")]
    private static partial Regex HetuShape();
}
