using Lake.Contracts.Registers;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Permits;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Delivery;

/// <summary>
/// A data folder laid out as the `lake` command lays it out (lake/, control/lake.db, delivery/),
/// with one diagnosis feed ingested (one row quarantined) and permit P1 of study S1 recorded, for
/// the tests of who may open a delivery. The feed and the key ring are outside the data folder.
/// </summary>
internal sealed class DeliveredStudy
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);

    private DeliveredStudy(string dataFolder, KeyRing keyRing, DeliveryArea deliveries)
    {
        var layout = new LakeLayout(Path.Combine(dataFolder, "lake"));
        var database = Path.Combine(dataFolder, "control", "lake.db");
        DatabasePath = database;
        Deliveries = deliveries;
        var dataSource = new ControlPlaneDataSource(database);
        Lifecycle = new PermitLifecycle(new PermitStore(dataSource, TimeProvider.System), new AuditLog(dataSource, keyRing, TimeProvider.System), keyRing, deliveries, TimeProvider.System);
        Runner = ExtractionRunner.Over(layout, RegisterCatalog.Shipped, deliveries, new Pseudonymizer(keyRing), TimeProvider.System);
        Layout = layout;
    }

    public LakeLayout Layout { get; }

    public string DatabasePath { get; }

    public DeliveryArea Deliveries { get; }

    public PermitLifecycle Lifecycle { get; }

    public ExtractionRunner Runner { get; }

    public static async Task<DeliveredStudy> CreateAsync(string dataFolder, string outside, OperatingSystemAccounts accounts, string setfacl = "setfacl")
    {
        var keyRing = KeyRing.OpenOrCreate(Path.Combine(outside, "keys", "keyring.json"), TimeProvider.System);
        var study = new DeliveredStudy(dataFolder, keyRing, new DeliveryArea(dataFolder, accounts, setfacl));
        var feed = Path.Combine(outside, "feed.csv");
        await File.WriteAllTextAsync(feed, $"{DiagnosisFeeds.Header}\n{Anna.Value},E11.9,2021-05-02T10:00:00\n{Anna.Value},E11.9,not a time\n");
        await new FeedIngestor(study.Layout, new Pseudonymizer(keyRing), keyRing, TimeProvider.System).IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2020), feed);
        return study;
    }

    public Task<Permit> RecordAsync(params string[] members) => Lifecycle.RecordAsync(new Permit
    {
        Id = "P1",
        StudyId = "S1",
        Registers = ["diagnosis"],
        Expires = new DateOnly(2099, 1, 1),
        Members = members,
        RecordedAt = DateTimeOffset.UtcNow,
    }, "registrar", CancellationToken.None);

    /// <summary>Runs a request under the permit in this process and returns the delivery folder.</summary>
    public (string Folder, DeliveryManifest Manifest) Deliver(Permit permit)
    {
        var id = Guid.NewGuid();
        var manifest = Runner.Run(id, permit, permit.Members[0], new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = ["E11"] },
            Datasets = [new DatasetRequest { Register = "diagnosis" }],
            Delivery = new DeliveryOptions { Csv = true },
        });
        return (Runner.DeliveryFolder(permit.StudyId, id), manifest);
    }
}
