using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Querying;

/// <summary>
/// A small lake over several registers, fed through ingest like a real one: each feed is CSV with a
/// hetu column and the register's own columns by name, timestamps as yyyy-MM-ddTHH:mm:ss.
/// </summary>
internal sealed class CohortLake : IDisposable
{
    private readonly TempDirectory _folder = new("lake-cohort-tests");

    public CohortLake()
    {
        Layout = new LakeLayout(_folder.File("lake"));
        KeyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        Pseudonymizer = new Pseudonymizer(KeyRing);
    }

    public LakeLayout Layout { get; }

    public KeyRing KeyRing { get; }

    public Pseudonymizer Pseudonymizer { get; }

    public string ControlPlanePath => _folder.File("control/lake.db");

    /// <summary>Ingests <paramref name="rows"/> (hetu first, then <paramref name="columns"/> in order) into the register.</summary>
    public async Task IngestAsync(string register, string[] columns, params string[] rows)
    {
        var definition = RegisterCatalog.Shipped.Get(register);
        var mappings = columns.ToDictionary(c => c, c => new ColumnMapping
        {
            From = c,
            Format = definition.FindColumn(c)!.Type switch
            {
                ColumnType.Timestamp => "yyyy-MM-ddTHH:mm:ss",
                ColumnType.Date => "yyyy-MM-dd",
                _ => null,
            },
        });
        if (register == RegisterNames.Diagnosis)
            mappings["code_system"] = new ColumnMapping { Value = "ICD-10" };
        if (register == RegisterNames.PatientBackground)
        {
            mappings["birth_date"] = new ColumnMapping { Identity = "birth_date" };
            mappings["sex"] = new ColumnMapping { Identity = "sex" };
        }

        var descriptor = new SourceDescriptor
        {
            System = "Test",
            Register = register,
            Years = new YearRange { From = 1990 },
            Identity = "hetu",
            Columns = mappings,
        };
        var feed = _folder.File($"{register}-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(feed, [string.Join(',', ["hetu", .. columns]), .. rows]);
        var result = await new FeedIngestor(Layout, Pseudonymizer, KeyRing, TimeProvider.System).IngestAsync(descriptor, feed);
        if (result.QuarantinePath is { } quarantine && File.Exists(quarantine) && File.ReadAllLines(quarantine).Length > 1)
            throw new InvalidOperationException($"The test feed for {register} had rows quarantined: {File.ReadAllText(quarantine)}");
    }

    public LakeQuerySession Open() => LakeQuerySession.Open(LakeSnapshot.Take(Layout, RegisterCatalog.Shipped));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
