using Lake.Contracts.Registers;
using Lake.Contracts.Lake;
using Lake.Extract.Querying;

namespace Lake.Extract.Tests.Querying;

public sealed class LakeSnapshotTests
{
    private TempDirectory _folder = null!;
    private LakeLayout _layout = null!;

    [SetUp]
    public void CreateLake()
    {
        _folder = new TempDirectory("lake-snapshot-tests");
        _layout = new LakeLayout(_folder.File("lake"));
    }

    [TearDown]
    public void DeleteLake() => _folder.Dispose();

    [Test]
    public void Take_FeedIngestedAgainIntoASupersedingBatch_SeesOnlyTheLatestBatchOfTheFeed()
    {
        var commits = new CommitLog(_layout);
        commits.Commit(Batch("apotti-diagnosis-0123456789abcdef", supersedes: null));
        commits.Commit(Batch("apotti-diagnosis-0123456789abcdef-r2", supersedes: "apotti-diagnosis-0123456789abcdef"));
        commits.Commit(Batch("apotti-diagnosis-0123456789abcdef-r3", supersedes: "apotti-diagnosis-0123456789abcdef-r2"));
        commits.Commit(Batch("uranus-diagnosis-fedcba9876543210", supersedes: null));

        Assert.Multiple(() =>
        {
            Assert.That(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped).BatchesOf("diagnosis").Select(b => b.BatchId),
                Is.EquivalentTo(new[] { "apotti-diagnosis-0123456789abcdef-r3", "uranus-diagnosis-fedcba9876543210" }));
            Assert.That(LakeSnapshot.Of(_layout, ["apotti-diagnosis-0123456789abcdef"], RegisterCatalog.Shipped).Batches.Select(b => b.BatchId),
                Is.EqualTo(new[] { "apotti-diagnosis-0123456789abcdef" }), "a replay still reads the batch an old delivery read");
        });
    }

    private static BatchCommit Batch(string id, string? supersedes) => new()
    {
        BatchId = id,
        SourceSystem = id.StartsWith("apotti", StringComparison.Ordinal) ? "Apotti" : "Uranus",
        Register = "diagnosis",
        FeedName = "Condition.ndjson",
        FeedSha256 = new string('0', 64),
        KeyId = 1,
        Files = [],
        RowsRead = 2,
        RowsWritten = 2,
        QuarantinedByReason = new Dictionary<string, long>(),
        CommittedAt = DateTimeOffset.UnixEpoch,
        Supersedes = supersedes,
    };
}
