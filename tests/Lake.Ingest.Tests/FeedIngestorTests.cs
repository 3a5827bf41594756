using System.Text;
using DuckDB.NET.Data;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.Ingest.Tests;

/// <summary>
/// Ingest end to end on feeds of a few rows: what reaches Parquet (read back with DuckDB, a reader
/// we did not write), what reaches quarantine, and what never reaches either (identity codes);
/// under the key ring and under a PKCS#11 token.
/// </summary>
[TestFixture(KeyStoreKind.File)]
[TestFixture(KeyStoreKind.Pkcs11, Category = TestCategories.Pkcs11)]
public sealed partial class FeedIngestorTests(KeyStoreKind keyStore)
{
    private const string DiagnosisHeader = "hetu,code,type,at,unit";

    private static readonly Hetu Alice = Hetu.Create(new DateOnly(1952, 10, 13), 308);
    private static readonly Hetu Bob = Hetu.Create(new DateOnly(1987, 3, 1), 123);
    private static readonly Hetu Carol = Hetu.Create(new DateOnly(2001, 12, 24), 456);

    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;
    private IKeyStore _keys = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private FeedIngestor _ingestor = null!;

    [SetUp]
    public void CreateLake()
    {
        _folder = new TempDirectory("lake-ingest-tests");
        _layout = new LakeLayout(_folder.File("lake"));
        _keys = TestKeyStores.Open(keyStore, _folder.File("keys"));
        _pseudonymizer = new Pseudonymizer(_keys);
        _ingestor = new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System);
    }

    [TearDown]
    public void DeleteLake()
    {
        TestKeyStores.Close(_keys);
        _folder.Dispose();
    }

    /// <summary>A diagnosis feed as a small test system sends it; every mapping feature the defects need.</summary>
    private static SourceDescriptor DiagnosisDescriptor() => new()
    {
        System = "Test System",
        Register = "diagnosis",
        Years = new YearRange { From = 2020, To = 2024 },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["code"] = new() { From = "code", Normalize = "icd10" },
            ["code_system"] = new() { Value = "ICD-10" },
            ["diagnosis_type"] = new() { From = "type", Map = new Dictionary<string, string> { ["P"] = "primary", ["S"] = "secondary" } },
            ["recorded_at"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
            ["unit"] = new() { From = "unit" },
        },
    };

    private static string[] GoodDiagnosisRows() =>
    [
        $"{Alice.Value},E119,P,2021-03-04T10:00:00,Sisätaudit",
        $"{Bob.Value},e11.9,S,2022-05-06T11:30:00,Kirurgia",
        $"{Carol.Value},J45,P,2022-07-08T08:15:00,Lastentaudit",
    ];

    [Test]
    public async Task IngestAsync_GoodRows_WritesEveryRowAndCommits()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.AlreadyIngested, Is.False);
            Assert.That(result.QuarantinePath, Is.Null);
            Assert.That(result.Commit.RowsRead, Is.EqualTo(3));
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(3));
            Assert.That(result.Commit.RowsQuarantined, Is.Zero);
            Assert.That(new CommitLog(_layout).IsCommitted(result.Commit.BatchId), Is.True);
            Assert.That(CountRows(result), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task IngestAsync_GoodRows_PartitionsBySourceAndEventYear()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.Files.Select(f => (f.Year, f.Rows)), Is.EqualTo(new (int?, long)[] { (2021, 1), (2022, 2) }));
            Assert.That(result.Commit.Files[0].Path, Does.StartWith(Path.Combine("diagnosis", "source=test_system", "year=2021")));
            Assert.That(result.Commit.Files.Select(f => File.Exists(Path.Combine(_layout.Root, f.Path))), Is.All.True);
        });
    }

    [Test]
    public async Task IngestAsync_GoodRows_StoresNormalisedAndMappedValues()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var rows = Query(result, "SELECT code, diagnosis_type, CAST(recorded_at AS VARCHAR), unit FROM files ORDER BY recorded_at");
        Assert.That(rows, Is.EqualTo(new[]
        {
            new object?[] { "E11.9", "primary", "2021-03-04 10:00:00", "Sisätaudit" },
            new object?[] { "E11.9", "secondary", "2022-05-06 11:30:00", "Kirurgia" },
            new object?[] { "J45", "primary", "2022-07-08 08:15:00", "Lastentaudit" },
        }));
    }

    [Test]
    public async Task IngestAsync_GoodRows_PseudonymIsTheRegisterPseudonymAsUuid()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows()[0]);

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var row = Query(result, "SELECT typeof(pseudonym), CAST(pseudonym AS VARCHAR), key_id FROM files").Single();
        var expected = _pseudonymizer.RegisterPseudonym("diagnosis", _pseudonymizer.IdentityOf(Alice), _keys.CurrentKeyId);
        Assert.Multiple(() =>
        {
            Assert.That(row[0], Is.EqualTo("UUID"));
            Assert.That(Guid.Parse((string)row[1]!), Is.EqualTo(expected));
            Assert.That(row[2], Is.EqualTo((long)_keys.CurrentKeyId));
        });
    }

    [Test]
    public async Task IngestAsync_SamePersonTwice_GetsOnePseudonym()
    {
        var feed = WriteFeed("twice.csv", DiagnosisHeader,
            $"{Alice.Value},E119,P,2021-03-04T10:00:00,A",
            $"{Alice.Value},I10,S,2021-04-04T10:00:00,B");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.That(Query(result, "SELECT count(DISTINCT pseudonym) FROM files").Single()[0], Is.EqualTo(1L));
    }

    [Test]
    public async Task IngestAsync_AnyFeed_NoIdentityCodeInParquetQuarantineOrCommit()
    {
        // Alice's code also sits in a free-text field of a rejected row, where only the mask can catch it.
        var feed = WriteFeed("mixed.csv", DiagnosisHeader,
            [.. GoodDiagnosisRows(), $"{Bob.Value},E1,P,2021-03-04T10:00:00,asked {Alice.Value} about it"]);

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var everyValue = Query(result, "SELECT * FROM files").SelectMany(r => r).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture));
        var quarantine = File.ReadAllText(result.QuarantinePath!);
        var commit = File.ReadAllText(_layout.CommitRecordPath(result.Commit.BatchId));
        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsQuarantined, Is.EqualTo(1), "the test needs a quarantined row");
            foreach (var code in new[] { Alice, Bob, Carol }.Select(h => h.Value))
            {
                Assert.That(everyValue, Has.None.Contains(code));
                Assert.That(quarantine, Does.Not.Contain(code));
                Assert.That(commit, Does.Not.Contain(code));
                Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(code));
            }
        });
    }

    [Test]
    public async Task IngestAsync_Latin1Feed_DecodesScandinavianLetters()
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml"));
        var feed = WriteFeed("uranus.csv", Encoding.Latin1,
            "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY",
            $"{Alice.Value};2;;Hämeenlinna;172,5;68,25;01.02.2015");
        Assert.That(File.ReadAllBytes(feed), Does.Contain((byte)0xE4), "the feed must be Latin-1 for the test to mean anything");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.That(Query(result, "SELECT municipality FROM files").Single()[0], Is.EqualTo("Hämeenlinna"));
    }

    [Test]
    public async Task IngestAsync_DecimalComma_ParsesNumbers()
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml"));
        var feed = WriteFeed("uranus.csv", Encoding.Latin1,
            "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY",
            $"{Alice.Value};2;;Espoo;172,5;68,25;01.02.2015");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.That(Query(result, "SELECT height_cm, weight_kg FROM files").Single(), Is.EqualTo(new object?[] { 172.5, 68.25 }));
    }

    [Test]
    public async Task IngestAsync_MoreDigitsThanTheRegistersDecimal_QuarantinesTheRowNamingTheType()
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml"));
        var feed = WriteFeed("uranus.csv", Encoding.Latin1,
            "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY",
            $"{Alice.Value};2;;Espoo;172,55;68,25;01.02.2015",
            $"{Bob.Value};1;;Espoo;180,5;80,125;01.02.2015",
            $"{Carol.Value};2;;Espoo;165,0;60,5;01.02.2015");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        var quarantine = File.ReadAllText(result.QuarantinePath!);
        Assert.Multiple(() =>
        {
            Assert.That(Query(result, "SELECT height_cm, weight_kg FROM files").Single(), Is.EqualTo(new object?[] { 165.0, 60.5 }));
            Assert.That(result.Commit.RowsQuarantined, Is.EqualTo(2));
            Assert.That(quarantine, Does.Contain("more digits than the column's decimal(4,1)").And.Contain("more digits than the column's decimal(5,2)"));
        });
    }

    [Test]
    public async Task IngestAsync_IdentityFacts_DerivedFromTheCodeNotTheFeed()
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml"));
        var feed = WriteFeed("uranus.csv", Encoding.Latin1,
            "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY",
            $"{Alice.Value};1;03.04.2019;Espoo;;;01.02.2015");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        // 308 is even: the code says female, the feed's SUKUPUOLI 1 maps to male; the descriptor maps sex from the feed.
        Assert.That(Query(result, "SELECT CAST(birth_date AS VARCHAR), sex, CAST(death_date AS VARCHAR), height_cm FROM files").Single(),
            Is.EqualTo(new object?[] { "1952-10-13", "male", "2019-04-03", null }));
    }

    [Test]
    public async Task IngestAsync_FeedLacksDescriptorColumn_ThrowsNamingTheColumn()
    {
        var feed = WriteFeed("short.csv", "hetu,code,type,at", $"{Alice.Value},E119,P,2021-03-04T10:00:00");

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.unit.from names feed column 'unit'"));
        Assert.That(new CommitLog(_layout).ReadAll(), Is.Empty);
    }

    [Test]
    public async Task IngestAsync_FeedLacksIdentityColumn_ThrowsNamingIt()
    {
        var feed = WriteFeed("noid.csv", "person,code,type,at,unit", $"{Alice.Value},E119,P,2021-03-04T10:00:00,x");

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("identity names feed column 'hetu'"));
        await Task.CompletedTask;
    }

    [Test]
    public void IngestAsync_MissingFeed_ThrowsFeedException()
    {
        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), _folder.File("absent.csv")),
            Throws.TypeOf<FeedException>());
    }

    [Test]
    public void IngestAsync_EmptyFeed_ThrowsFeedExceptionNotDescriptorException()
    {
        var feed = _folder.File("empty.csv");
        File.WriteAllText(feed, "");

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed),
            Throws.TypeOf<FeedException>().With.Message.Contains("is empty"));
    }

    [Test]
    public async Task IngestAsync_HeaderOnly_CommitsEmptyBatch()
    {
        var feed = WriteFeed("header.csv", DiagnosisHeader);

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsRead, Is.Zero);
            Assert.That(result.Commit.Files, Is.Empty);
            Assert.That(new CommitLog(_layout).IsCommitted(result.Commit.BatchId), Is.True);
        });
    }

    [Test]
    public async Task IngestAsync_Windows1252Feed_DecodesEuroSign()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Format.Encoding = "windows-1252";
        // 0x80 is € in Windows-1252 and a control character in Latin-1; 0xE4 is ä in both.
        var feed = _folder.File("cp1252.csv");
        var bytes = Encoding.ASCII.GetBytes($"{DiagnosisHeader}\n{Alice.Value},E119,P,2021-03-04T10:00:00,").Concat(new byte[] { 0x80, 0x20, 0xE4, 0x0A }).ToArray();
        File.WriteAllBytes(feed, bytes);

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.That(Query(result, "SELECT unit FROM files").Single()[0], Is.EqualTo("€ ä"));
    }

    [Test]
    public async Task IngestAsync_IdentityFactOfWrongTypeForColumn_IsRefusedNotWrittenAsNull()
    {
        var path = _folder.File("swapped.yaml");
        File.WriteAllText(path, """
            system: Swapped
            register: patient_background
            years: { from: 2004 }
            identity: HETU
            columns:
              birth_date: { identity: birth_date }
              sex: { identity: birth_date }
            """);
        var feed = WriteFeed("swapped.csv", "HETU", Alice.Value);

        IngestResult? result = null;
        Assert.That(async () => result = await _ingestor.IngestAsync(SourceDescriptorLoader.Load(path), feed),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("columns.sex"),
            () => $"ingest wrote sex = '{(result is null ? "?" : Query(result, "SELECT sex FROM files").Single()[0] ?? "NULL")}'");
    }

    private string BatchIdOf(string feed)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(feed)));
        return $"test_system-diagnosis-{sha[..16]}";
    }

    private string StrayFile(string relativePath)
    {
        var path = Path.Combine(_layout.Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not parquet: the process died here");
        return path;
    }

    private string WriteFeed(string name, string header, params string[] rows) => WriteFeed(name, new UTF8Encoding(false), header, rows);

    private string WriteFeed(string name, Encoding encoding, string header, params string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", [header, .. rows]) + "\n", encoding);
        return path;
    }

    private long CountRows(IngestResult result) => (long)Query(result, "SELECT count(*) FROM files").Single()[0]!;

    /// <summary>Runs <paramref name="sql"/> over the batch's committed files, visible as the table <c>files</c>.</summary>
    private List<object?[]> Query(IngestResult result, string sql, params object[] parameters)
    {
        var files = string.Join(", ", result.Commit.Files.Select(f => $"'{Path.Combine(_layout.Root, f.Path).Replace("'", "''", StringComparison.Ordinal)}'"));
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"WITH files AS (SELECT * FROM read_parquet([{files}])) {sql}";
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    private static List<QuarantinedRow> ReadQuarantine(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        return reader.Enumerate(row => new QuarantinedRow(
            row["batch_id"].ToString(), row["feed"].ToString(), row["line"].Parse<long>(), row["column"].ToString(),
            row["reason"].ToString(), row["message"].ToString(), row["record"].ToString())).ToList();
    }

    private static string AllBytesUnder(string folder) =>
        string.Concat(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks),
            StringComparer.Ordinal);

    private static bool SameCommit(BatchCommit a, BatchCommit b) =>
        a.BatchId == b.BatchId && a.RowsWritten == b.RowsWritten && a.CommittedAt == b.CommittedAt && a.Files.SequenceEqual(b.Files);

    private sealed record QuarantinedRow(string BatchId, string Feed, long Line, string Column, string Reason, string Message, string Record);
}
