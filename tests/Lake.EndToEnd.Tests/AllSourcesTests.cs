using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Pseudonymization;
using Lake.Synthetic;
using nietras.SeparatedValues;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Every source system of the dataset catalog at once: a small synthetic population written as every
/// feed, each ingested through its shipped descriptor (sources/ and sources/quality-registries/), and
/// the lake checked against the generator's truth, feed by feed and register by register.
/// </summary>
[TestFixture]
public sealed partial class AllSourcesTests
{
    // Large enough that every feed has good rows and most have defects at this rate; small enough to run in seconds.
    private const int Patients = 600;
    private const double DefectRate = 0.03;

    private string _root = "";
    private string _feeds = "";
    private LakeLayout _layout = null!;
    private SyntheticLakeTruth _truth = null!;
    private List<(SourceDescriptor Descriptor, FeedTruth Feed, IngestResult Result)> _ingests = [];

    [OneTimeSetUp]
    public async Task SynthesizeAndIngestEverySource()
    {
        _root = Path.Combine(Path.GetTempPath(), "lake-all-sources-" + Guid.NewGuid().ToString("N"));
        _feeds = Path.Combine(_root, "feeds");
        _layout = new LakeLayout(Path.Combine(_root, "lake"));
        _truth = FeedGenerator.Write(_feeds, new SynthOptions { Patients = Patients, Seed = 31, DefectRate = DefectRate });

        var keyRing = KeyRing.OpenOrCreate(Path.Combine(_root, "keys", "keyring.json"), TimeProvider.System);
        var ingestor = new FeedIngestor(_layout, new Pseudonymizer(keyRing), keyRing, TimeProvider.System);
        foreach (var descriptor in ShippedDescriptors())
        {
            var feed = _truth.Feeds.SingleOrDefault(f => f.SourceSystem == descriptor.System && f.Register == descriptor.Register);
            if (feed is null)
                continue; // Reported by Descriptors_EveryOne_HasASyntheticFeed.

            _ingests.Add((descriptor, feed, await ingestor.IngestAsync(descriptor, Path.Combine(_feeds, feed.FileName))));
        }
    }

    [OneTimeTearDown]
    public void RemoveData()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Descriptors_EveryOne_HasASyntheticFeed()
    {
        var feeds = _truth.Feeds.Select(f => (f.SourceSystem, f.Register)).ToHashSet();

        Assert.That(ShippedDescriptors().Select(d => (d.System, d.Register)).Where(d => !feeds.Contains(d)), Is.Empty);
    }

    [Test]
    public void Feeds_EveryOne_HasADescriptor()
    {
        Assert.That(_truth.Feeds.Select(f => f.FileName).Except(_ingests.Select(i => i.Feed.FileName)), Is.Empty);
        Assert.That(_ingests, Has.Count.EqualTo(_truth.Feeds.Count));
    }

    [Test]
    public void Ingest_EveryFeed_WritesGoodRowsQuarantinesDefectsOnTheirLinesAndExcludesPlantedRows()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (_, feed, result) in _ingests)
            {
                var commit = result.Commit;
                var defects = feed.Rows.Where(r => r.Defect is not null).Select(r => (long)r.Line).Order().ToList();
                Assert.That(commit.RowsRead, Is.EqualTo(feed.Rows.Count), feed.FileName);
                Assert.That(commit.RowsWritten, Is.EqualTo(feed.Rows.Count(r => r.ReachesLake)), feed.FileName);
                Assert.That(commit.RowsQuarantined, Is.EqualTo(defects.Count), $"{feed.FileName}: {string.Join(", ", commit.QuarantinedByReason)}");
                Assert.That(QuarantinedLines(commit), Is.EqualTo(defects), feed.FileName);
                Assert.That(commit.ExcludedByReason.Values.Sum(), Is.EqualTo(feed.Rows.Count(r => r.ExcludedAs is not null)), feed.FileName);
            }
        }
    }

    [Test]
    public void Ingest_DefectsOfEveryKind_AreAllQuarantined()
    {
        var planted = _ingests.SelectMany(i => i.Feed.Rows).Where(r => r.Defect is not null).GroupBy(r => r.Defect!).ToDictionary(g => g.Key, g => g.Count());
        var quarantined = _ingests.Sum(i => i.Result.Commit.RowsQuarantined);

        Assert.That(planted.Keys, Is.EquivalentTo(new[]
        {
            DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.MalformedCode, DefectKinds.MissingRequired, DefectKinds.TruncatedLine, DefectKinds.WrongEncoding,
        }));
        Assert.That(quarantined, Is.EqualTo(planted.Values.Sum()));
    }

    [Test]
    public void Ingest_SexualAssaultTexts_AreExcludedAndCounted()
    {
        var texts = _ingests.Where(i => i.Feed.Register == RegisterNames.PatientRecordText).ToList();

        Assert.That(texts.Select(t => t.Feed.SourceSystem), Is.EquivalentTo(new[] { "Uranus", "Apotti" }));
        foreach (var (_, feed, result) in texts)
        {
            var planted = feed.Rows.Count(r => r.ExcludedAs == ExclusionReasons.SexualAssault);
            Assert.That(planted, Is.GreaterThan(0), feed.FileName);
            Assert.That(result.Commit.ExcludedByReason, Is.EquivalentTo(new Dictionary<string, long> { [ExclusionReasons.SexualAssault] = planted }), feed.FileName);
        }

        Assert.That(TextValues(RegisterNames.PatientRecordText).Where(v => v.Value.Contains("seksuaalisen väkivallan", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Lake_EveryPatientRegisterAndQualityRegistry_HasRows()
    {
        var written = _ingests.GroupBy(i => i.Result.Commit.Register).ToDictionary(g => g.Key, g => g.Sum(i => i.Result.Commit.RowsWritten));

        Assert.That(RegisterCatalog.Shipped.PatientRegisters.Select(r => r.Name).Where(r => written.GetValueOrDefault(r) == 0), Is.Empty, "patient registers without rows");
        Assert.That(RegisterCatalog.Shipped.QualityRegistries.Select(r => r.Name).Where(r => written.GetValueOrDefault(r) == 0), Is.Empty, "quality registries without rows");
    }

    [Test]
    public void Lake_DecodedTextValues_HoldNoIdentityCodeEvenWhereCliniciansWroteOneInText()
    {
        var withCodes = RegisterCatalog.Shipped.All.Select(r => r.Name).Where(r => Directory.Exists(_layout.RegisterFolder(r)))
            .SelectMany(r => TextValues(r).Where(v => HetuShape().IsMatch(v.Value)).Select(v => (Register: r, v.Column)))
            .ToList();

        // Codes written into record texts are masked at ingest and counted as a warning of the batch.
        Assert.That(withCodes, Is.Empty);
        var planted = _ingests.Where(i => i.Feed.Register == RegisterNames.PatientRecordText)
            .Sum(i => i.Feed.Rows.Count(r => r.ReachesLake && r.Identifiers.HasFlag(TextIdentifiers.IdentityCode)));
        var masked = _ingests.Where(i => i.Feed.Register == RegisterNames.PatientRecordText)
            .Sum(i => i.Result.Commit.WarningsByCheck.GetValueOrDefault(WarningChecks.IdentityCodeInText));
        Assert.That(planted, Is.GreaterThan(0));
        Assert.That(masked, Is.GreaterThanOrEqualTo(planted), "every planted code was masked (a text may hold more than one)");
    }

    [Test]
    public async Task Lake_Files_HoldNoIdentityCodeOfThePopulationOrTheDefects()
    {
        var codes = _truth.People.Select(p => p.Hetu).Concat(_truth.Feeds.SelectMany(f => f.Rows).Select(r => r.Hetu)).ToHashSet();
        var files = Directory.EnumerateFiles(_layout.Root, "*", SearchOption.AllDirectories).ToList();

        Assert.That(files.Count(f => f.EndsWith(".csv", StringComparison.Ordinal)), Is.GreaterThan(10), "quarantine files");
        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.That(codes.Where(text.Contains), Is.Empty, file);
        }
    }

    /// <summary>Top-level descriptors and the quality registries'; the MIMIC-IV demo's have a feed and a test of their own.</summary>
    private static IEnumerable<SourceDescriptor> ShippedDescriptors() =>
        SourceDescriptorLoader.LoadFolder(RepositoryPaths.Sources)
            .Concat(SourceDescriptorLoader.LoadFolder(Path.Combine(RepositoryPaths.Sources, "quality-registries")));

    private List<long> QuarantinedLines(BatchCommit commit)
    {
        var path = _layout.QuarantinePath(commit.BatchId);
        if (!File.Exists(path))
            return [];

        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        return reader.Enumerate(row => long.Parse(row["line"].Span, CultureInfo.InvariantCulture)).Order().ToList();
    }

    /// <summary>Every non-null text value of a register's Parquet files, decoded by DuckDB, with its column.</summary>
    private List<(string Column, string Value)> TextValues(string register)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{_layout.RegisterFolder(register)}/**/*.parquet', union_by_name = true)";
        using var reader = command.ExecuteReader();
        var values = new List<(string, string)>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetFieldType(i) == typeof(string) && !reader.IsDBNull(i))
                    values.Add((reader.GetName(i), reader.GetString(i)));
            }
        }

        return values;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])")]
    private static partial Regex HetuShape();
}
