using System.Text.Json;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// <c>lake catalog</c> on a lake with one register fed by two systems, one of them tiny: what it
/// holds per source, what the dataset catalog still expects, and that no count from 1 to 5 (nor
/// one that would give such a count away by subtraction) is shown.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed class CatalogCommandTests
{
    private static readonly Hetu[] People = Enumerable.Range(0, 13).Select(i => Hetu.Create(new DateOnly(1950 + i, 1 + (i % 12), 10), 950 + i)).ToArray();

    private string _root = "";
    private JsonElement _catalog;
    private string _table = "";

    [OneTimeSetUp]
    public async Task IngestTwoSystems()
    {
        _root = Path.Combine(Path.GetTempPath(), "lake-catalog-" + Guid.NewGuid().ToString("N"));
        WriteSources(_root);
        await LakeConsole.InitAsync(Path.Combine(_root, "data"));
        Assert.That((await Lake(_root, "ingest", "--source", "apotti-dx", Feed(_root, "apotti.csv", ApottiRows()))).ExitCode, Is.Zero);
        Assert.That((await Lake(_root, "ingest", "--source", "tiny-dx", Feed(_root, "tiny.csv", TinyRows()))).ExitCode, Is.Zero);

        var json = await Lake(_root, "catalog", "--json");
        Assert.That(json.ExitCode, Is.Zero, json.Output);
        _catalog = JsonDocument.Parse(json.Output).RootElement.Clone();
        _table = (await Lake(_root, "catalog")).Output;
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Catalog_TwoSystems_ListsEachWithItsYearsAndWhetherTheDatasetCatalogKnowsIt()
    {
        var sources = Register("diagnosis").GetProperty("sources").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sources.Select(s => s.GetProperty("system").GetString()), Is.EqualTo(new[] { "Apotti", "Tinysys" }));
            Assert.That(sources.Select(s => s.GetProperty("inDatasetCatalog").GetBoolean()), Is.EqualTo(new[] { true, false }));
            Assert.That(sources[0].GetProperty("years").EnumerateArray().Select(y => y.GetInt32()), Is.EqualTo(new[] { 2021, 2022 }));
            Assert.That(sources[1].GetProperty("years").EnumerateArray().Select(y => y.GetInt32()), Is.EqualTo(new[] { 2023 }));
        });
    }

    [Test]
    public void Catalog_TinySource_SuppressesItsCountsAndTheOneThatWouldRevealThem()
    {
        var diagnosis = Register("diagnosis");
        var sources = diagnosis.GetProperty("sources").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Shown(diagnosis, "rows"), Is.EqualTo(39), "36 Apotti rows and 3 Tinysys rows");
            Assert.That(Shown(sources[1], "rows"), Is.Null, "3 rows");
            Assert.That(Shown(sources[0], "rows"), Is.Null, "36 would reveal Tinysys's 3 from the total");
            Assert.That(Shown(sources[0], "patients"), Is.Null, "12 beside the total 13 would say one patient is in Tinysys alone");
            Assert.That(Shown(sources[1], "patients"), Is.Null, "2 patients");
            Assert.That(Shown(diagnosis, "patients"), Is.EqualTo(13), "one Tinysys patient is also an Apotti patient");
            Assert.That(diagnosis.GetProperty("patientsExact").GetBoolean(), Is.True);
            Assert.That(Shown(diagnosis, "quarantined"), Is.Null, "1 row");
            Assert.That(diagnosis.GetProperty("quarantineRate").ValueKind, Is.EqualTo(JsonValueKind.Null), "a rate would give the suppressed count away");
            Assert.That(Shown(diagnosis, "excluded"), Is.Zero);
        });
    }

    [Test]
    public void Catalog_RegistersWithoutData_ShowWhatTheDatasetCatalogExpects()
    {
        var registers = _catalog.GetProperty("registers").EnumerateArray().ToList();
        var visit = Register("visit");

        Assert.Multiple(() =>
        {
            Assert.That(registers, Has.Count.EqualTo(RegisterCatalog.Shipped.All.Count));
            Assert.That(visit.GetProperty("inLake").GetBoolean(), Is.False);
            Assert.That(visit.GetProperty("catalogExpects").EnumerateArray().Select(s => $"{s.GetProperty("system").GetString()} {s.GetProperty("from").GetInt32()}"),
                Is.EqualTo(RegisterCatalog.Shipped.Get(RegisterNames.Visit).Sources.Select(s => $"{s.System} {s.FromYear}")));
            Assert.That(Register("qr_asthma").GetProperty("inLake").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void Catalog_Table_ShowsSourcesTotalsAndTheRegistersStillToCome()
    {
        Assert.That(_table, Does.Contain("In the lake").And.Contain("Tinysys *").And.Contain("all sources").And.Contain("1-5")
            .And.Contain("No data yet").And.Contain("Uranus 2004-2008 partial").And.Contain("quality registries"));
    }

    [Test]
    public async Task Catalog_EmptyLake_SaysSoAndMakesNoKeyRing()
    {
        var root = Path.Combine(Path.GetTempPath(), "lake-catalog-empty-" + Guid.NewGuid().ToString("N"));
        try
        {
            await LakeConsole.InitAsync(Path.Combine(root, "data"));
            var run = await Lake(root, "catalog");

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Zero, run.Output);
                Assert.That(run.Output, Does.Contain("The lake holds no data yet."));
                Assert.That(File.Exists(KeyRingPath(root)), Is.False);
            });
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task Catalog_RowsUnderTwoKeyGenerations_CountsPatientsAsAnUpperBound()
    {
        var root = Path.Combine(Path.GetTempPath(), "lake-catalog-rotated-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteSources(root);
            await LakeConsole.InitAsync(Path.Combine(root, "data"));
            await Lake(root, "ingest", "--source", "apotti-dx", Feed(root, "apotti.csv", ApottiRows()));
            KeyRing.OpenOrCreate(KeyRingPath(root), TimeProvider.System).Rotate();
            await Lake(root, "ingest", "--source", "tiny-dx", Feed(root, "tiny.csv", TinyRows()));

            var run = await Lake(root, "catalog", "--json");
            var diagnosis = JsonDocument.Parse(run.Output).RootElement.GetProperty("registers").EnumerateArray().Single(r => r.GetProperty("register").GetString() == "diagnosis");

            Assert.Multiple(() =>
            {
                Assert.That(diagnosis.GetProperty("patientsExact").GetBoolean(), Is.False);
                Assert.That(Shown(diagnosis, "patients"), Is.EqualTo(14), "the patient in both systems has a pseudonym under each key");
            });
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    private JsonElement Register(string name) =>
        _catalog.GetProperty("registers").EnumerateArray().Single(r => r.GetProperty("register").GetString() == name);

    private static long? Shown(JsonElement element, string count)
    {
        var shown = element.GetProperty(count);
        return shown.GetProperty("suppressed").GetBoolean() ? null : shown.GetProperty("value").GetInt64();
    }

    /// <summary>Twelve Apotti patients with three diagnoses each in 2021-2022, and one row with a malformed code.</summary>
    private static IEnumerable<string> ApottiRows() =>
        People.Take(12).SelectMany((p, i) => new[]
        {
            $"{p.Value},E11.9,2021-0{1 + (i % 9)}-12 10:00",
            $"{p.Value},I10,2022-0{1 + (i % 9)}-13 11:30",
            $"{p.Value},J45,2022-1{i % 3}-14 09:15",
        }).Append($"{People[0].Value},XYZ,2022-05-05 10:00");

    /// <summary>Two Tinysys patients in 2023: one new, one Apotti also has.</summary>
    private static IEnumerable<string> TinyRows() =>
    [
        $"{People[12].Value},C50.9,2023-02-01 08:00",
        $"{People[12].Value},C50.9,2023-03-01 08:00",
        $"{People[0].Value},E11.9,2023-04-01 08:00",
    ];

    private static void WriteSources(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "sources"));
        File.WriteAllText(Path.Combine(root, "sources", "apotti-dx.yaml"), DiagnosisDescriptor.For("Apotti"));
        File.WriteAllText(Path.Combine(root, "sources", "tiny-dx.yaml"), DiagnosisDescriptor.For("Tinysys"));
    }

    private static string Feed(string root, string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(root, name);
        File.WriteAllLines(path, rows.Prepend("hetu,code,at"));
        return path;
    }

    private static string KeyRingPath(string root) => Path.Combine(root, "keys", "keyring.json");

    private static Task<LakeConsole.Result> Lake(string root, params string[] args) =>
        LakeConsole.RunAsync([.. args, "--data", Path.Combine(root, "data"), "--sources", Path.Combine(root, "sources"), "--keyring", KeyRingPath(root)]);
}
