using Lake.Contracts.Registers;
using DuckDB.NET.Data;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// Extraction over a small lake fed by two overlapping systems, as during the Uranus to Apotti migration;
/// under the key ring and under a PKCS#11 token.
/// </summary>
[TestFixture(KeyStoreKind.File)]
[TestFixture(KeyStoreKind.Pkcs11, Category = TestCategories.Pkcs11)]
public sealed partial class ExtractionRunnerTests(KeyStoreKind keyStore)
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);
    private static readonly Hetu Ville = Hetu.Create(new DateOnly(1975, 8, 9), 303);
    private static readonly Hetu Outsider = Hetu.Create(new DateOnly(1980, 1, 1), 404);

    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;
    private IKeyStore _keys = null!;
    private Pseudonymizer _pseudonymizer = null!;

    [SetUp]
    public async Task BuildLake()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _layout = new LakeLayout(_folder.File("lake"));
        _keys = TestKeyStores.Open(keyStore, _folder.File("keys"));
        _pseudonymizer = new Pseudonymizer(_keys);
        var ingestor = new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System);

        // The same two events reach the lake from both systems in 2019; each system also has one of its own.
        await ingestor.IngestAsync(DiagnosisFeeds.Descriptor("Uranus", 2008, 2020), Feed("uranus.csv",
            $"{Anna.Value},E11.9,2019-05-02T10:00:00",
            $"{Ville.Value},E11.0,2019-06-03T11:00:00",
            $"{Anna.Value},I10,2015-01-01T09:00:00",
            $"{Outsider.Value},J45,2019-01-01T09:00:00"));
        await ingestor.IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2018), Feed("apotti.csv",
            $"{Anna.Value},E11.9,2019-05-02T10:00:00",
            $"{Ville.Value},E11.0,2019-06-03T11:00:00",
            $"{Ville.Value},E78.0,2022-02-02T12:00:00"));
        await IngestTextsAndLaboratory(ingestor);
    }

    [TearDown]
    public void RemoveLake()
    {
        TestKeyStores.Close(_keys);
        _folder.Dispose();
    }

    [Test]
    public void Run_SameEventFromTwoSystems_DeliversItOnceFromTheSuccessorSystem()
    {
        var manifest = Extract();

        var rows = Query(manifest, "SELECT code, source_system FROM read_parquet($1) ORDER BY recorded_at", "diagnosis.parquet");
        Assert.Multiple(() =>
        {
            Assert.That(manifest.CohortSize, Is.EqualTo(2));
            Assert.That(rows, Is.EqualTo(new[] { ("I10", "uranus"), ("E11.9", "apotti"), ("E11.0", "apotti"), ("E78.0", "apotti") }));
        });
    }

    [Test]
    public void Run_StudyPseudonyms_AreThoseOfTheStudyKeyAndAbsentForNonMembers()
    {
        var manifest = Extract();

        var delivered = Query(manifest, "SELECT DISTINCT CAST(study_id AS VARCHAR), '' FROM read_parquet($1)", "diagnosis.parquet").Select(r => r.Item1).Order().ToList();
        var expected = new[] { Anna, Ville }.Select(h => _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(h)).ToString()).Order().ToList();
        Assert.That(delivered, Is.EqualTo(expected));
    }

    [Test]
    public void Run_Delivery_HasAReadmeDescribingEveryFileAndColumn()
    {
        var manifest = Extract();

        var readme = File.ReadAllText(Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString(), "README.md"));
        Assert.Multiple(() =>
        {
            Assert.That(readme, Does.Contain("## cohort.parquet").And.Contain("## diagnosis.parquet"));
            Assert.That(readme, Does.Contain("| code | text | Diagnosis code in canonical form"));
            Assert.That(readme, Does.Contain("Cohort: 2 patients. Dates: exact."));
        });
    }

    [Test]
    public void Run_TransferRequest_ManifestAndReadmeNameTheSecureEnvironment()
    {
        var manifest = Extract(new DeliveryOptions { TransferTo = "kapseli" });

        var folder = Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(DeliveryManifestFile.Read(folder).TransferTo, Is.EqualTo("kapseli"));
            Assert.That(DeliveryReadme.TryRead(folder), Does.Contain("Bound for the secure environment `kapseli`").And.Contain("Lake has not copied it anywhere."));
        });
    }

    [Test]
    public void Run_MonthPrecision_TruncatesEveryDateToTheMonth()
    {
        var manifest = Extract(new DeliveryOptions { DatePrecision = "month" });

        var dates = Query(manifest, "SELECT CAST(recorded_at AS VARCHAR), typeof(recorded_at) FROM read_parquet($1) ORDER BY 1", "diagnosis.parquet");
        Assert.That(dates, Is.EqualTo(new[] { ("2015-01-01", "DATE"), ("2019-05-01", "DATE"), ("2019-06-01", "DATE"), ("2022-02-01", "DATE") }));
    }

    [Test]
    public void Run_DateShift_MovesEachPatientsDatesByTheStudysOwnShift()
    {
        var manifest = Extract(new DeliveryOptions { DatePrecision = "shift", ShiftMaxDays = 30 });

        var shifted = Query(manifest, "SELECT study_id, strftime(recorded_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') FROM read_parquet($1)", "diagnosis.parquet");
        var originals = new Dictionary<Hetu, DateTime[]>
        {
            [Anna] = [new(2015, 1, 1, 9, 0, 0), new(2019, 5, 2, 10, 0, 0)],
            [Ville] = [new(2019, 6, 3, 11, 0, 0), new(2022, 2, 2, 12, 0, 0)],
        };
        foreach (var (person, times) in originals)
        {
            var identity = _pseudonymizer.IdentityOf(person);
            var pseudonym = _pseudonymizer.StudyPseudonym("S1", identity).ToString();
            var shift = _pseudonymizer.StudyDateShiftDays("S1", identity, 30);
            Assert.That(shift, Is.InRange(-30, 30));
            // The wall-clock time moves by whole days and is then delivered as its UTC instant.
            Assert.That(shifted.Where(r => r.Item1 == pseudonym).Select(r => DateTime.Parse(r.Item2, System.Globalization.CultureInfo.InvariantCulture)).Order(),
                Is.EqualTo(times.Select(t => TimeZoneInfo.ConvertTimeToUtc(t.AddDays(shift), Helsinki))), "every date of the patient moves by the same days, so intervals stay exact");
        }

        Assert.That(_pseudonymizer.StudyDateShiftDays("S1", _pseudonymizer.IdentityOf(Anna), 3650), Is.Not.EqualTo(_pseudonymizer.StudyDateShiftDays("S2", _pseudonymizer.IdentityOf(Anna), 3650)),
            "another study, another shift");
    }

    private DeliveryManifest Extract(DeliveryOptions? delivery = null, DatasetRequest? dataset = null, IReadOnlyCollection<string>? consented = null, bool permitAllowsAll = true, IReadOnlyList<DatasetRequest>? datasets = null)
    {
        var runner = ExtractionRunner.Over(_layout, RegisterCatalog.Shipped, new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), _pseudonymizer, TimeProvider.System);
        var permit = new Permit
        {
            Id = "P1",
            StudyId = "S1",
            Registers = ["diagnosis", "patient_record_text", "laboratory", "patient_background"],
            Expires = new DateOnly(2099, 1, 1),
            Members = ["anna.researcher"],
            RecordedAt = DateTimeOffset.UtcNow,
            AllowsFreeText = permitAllowsAll,
            AllowsIdentityCodes = permitAllowsAll,
        };
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = ["E11"] },
            Datasets = datasets ?? [dataset ?? new DatasetRequest { Register = "diagnosis" }],
            Delivery = delivery ?? new DeliveryOptions(),
        };
        return runner.Run(Guid.NewGuid(), permit, "anna.researcher", specification, consentedIdentityCodes: consented);
    }

    private List<(string, string)> Query(DeliveryManifest manifest, string sql, string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter(Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString(), file)));
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private string Feed(string name, params string[] rows) => FeedWithHeader(name, DiagnosisFeeds.Header, rows);

    private string FeedWithHeader(string name, string header, params string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", [header, .. rows]) + "\n");
        return path;
    }
}
