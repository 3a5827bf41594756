using Lake.Contracts.Lake;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Preliminary;

/// <summary>
/// The small lake the preliminary-study tests ask: twenty diabetic women, one diagnosed each month
/// from January 2021, and three asthmatics; with its key ring, control plane and audit log.
/// </summary>
internal sealed class DiabeticsLake : IDisposable
{
    private DiabeticsLake(TempDirectory folder)
    {
        Folder = folder;
        Layout = new LakeLayout(folder.File("lake"));
        KeyRing = KeyRing.OpenOrCreate(folder.File("keys/keyring.json"), TimeProvider.System);
        Pseudonymizer = new Pseudonymizer(KeyRing);
        ControlPlane = new ControlPlaneDataSource(folder.File("control/lake.db"));
        Audit = new AuditLog(ControlPlane, KeyRing, TimeProvider.System);
    }

    public TempDirectory Folder { get; }

    public LakeLayout Layout { get; }

    public KeyRing KeyRing { get; }

    public Pseudonymizer Pseudonymizer { get; }

    public ControlPlaneDataSource ControlPlane { get; }

    public AuditLog Audit { get; }

    public static async Task<DiabeticsLake> BuildAsync()
    {
        var lake = new DiabeticsLake(new TempDirectory("lake-preliminary-tests"));
        var rows = Enumerable.Range(0, 20)
            .Select(i => $"{Hetu.Create(new DateOnly(1950 + i, 1, 1), 100 + (2 * i)).Value},E11.9,{new DateTime(2021, 1, 15).AddMonths(i):yyyy-MM-ddTHH:mm:ss}")
            .Concat(Enumerable.Range(0, 3).Select(i => $"{Hetu.Create(new DateOnly(1990 + i, 1, 1), 301 + (2 * i)).Value},J45,2022-03-03T10:00:00"));
        var feed = lake.Folder.File("feed.csv");
        await File.WriteAllLinesAsync(feed, ["hetu,code,at", .. rows]);
        await new FeedIngestor(lake.Layout, lake.Pseudonymizer, lake.KeyRing, TimeProvider.System).IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2020), feed);
        return lake;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }
}
