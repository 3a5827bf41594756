using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Coordinator.ControlPlane;
using Lake.Synthetic;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// A data folder with the three skeleton feeds synthesized and ingested through the command line,
/// shared by the tests of one fixture; fixtures that change the lake get a folder of their own.
/// </summary>
public abstract class LakePipelineFixture
{
    protected static readonly DateTime PeriodStart = new(2020, 1, 1);
    protected static readonly DateTime PeriodEnd = new(2026, 1, 1);

    protected string Root { get; private set; } = "";

    protected string Data { get; private set; } = "";

    protected string KeyRingPath { get; private set; } = "";

    protected SyntheticLakeTruth Truth { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task RunPipeline()
    {
        Root = Path.Combine(Path.GetTempPath(), "lake-e2e-" + Guid.NewGuid().ToString("N"));
        Data = Path.Combine(Root, "data");
        KeyRingPath = Path.Combine(Root, "keys", "keyring.json");
        Truth = FeedGenerator.Write(Path.Combine(Data, "feeds"), new SynthOptions { Patients = 2000, Seed = 7, Feeds = SynthOptions.OriginalFeeds });

        foreach (var feed in Truth.Feeds)
        {
            var descriptor = Ingestion.DescriptorFor(RepositoryPaths.Sources, feed.SourceSystem, feed.Register);
            Assert.That(await Lake("ingest", "--source", descriptor, Path.Combine(Data, "feeds", feed.FileName)), Is.Zero, feed.FileName);
        }
    }

    [OneTimeTearDown]
    public void RemoveData()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    protected Dictionary<string, DateTime> CohortFromTruth() =>
        GoodRows("diagnosis")
            .Where(r => r.Code!.StartsWith("E11", StringComparison.Ordinal) && r.EventTime >= PeriodStart && r.EventTime < PeriodEnd)
            .GroupBy(r => r.Hetu)
            .ToDictionary(g => g.Key, g => g.Min(r => r.EventTime!.Value));

    protected IEnumerable<TruthRow> GoodRows(string register) =>
        Truth.Feeds.Single(f => f.Register == register).Rows.Where(r => r.Defect is null);

    protected Workspace Workspace() => new(Data, KeyRingPath);

    protected async Task<IReadOnlyList<RequestRecord>> AllRequestsAsync() => await Workspace().OpenRequests().ListAsync(CancellationToken.None);

    protected Task AddPermit(string id, string study, string expires, params string[] registers) =>
        Lake(["permit", "add", "--id", id, "--study", study, "--registers", .. registers, "--from", "2015-01-01", "--to", "2025-12-31", "--expires", expires, "--members", "alice", "bob"]);

    /// <summary>A command as the user after `--as` (data-service staff without it), verified the way the host does.</summary>
    protected Task<int> Lake(params string[] args)
    {
        var (user, rest) = LakeUsers.SplitAs(args);
        return LakeUsers.AsAsync(Data, KeyRingPath, user, () => LakeCommandLine.InvokeAsync([.. rest, "--data", Data, "--keyring", KeyRingPath, "--sources", RepositoryPaths.Sources]));
    }
}
