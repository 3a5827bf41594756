using Lake.Contracts.Lake;

namespace Lake.Ingest.Tests;

/// <summary>
/// Links planted where ingest writes or deletes (a partition, a part file's name, the quarantine,
/// the batches, the locks, the register versions) are refused with their path, never followed:
/// what they point at is unchanged and no batch is committed.
/// </summary>
public sealed partial class FeedIngestorTests
{
    private static readonly string PartitionOf2021 = Path.Combine("diagnosis", "source=test_system", "year=2021");

    [TestCase("diagnosis", TestName = "IngestAsync_RegisterFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("diagnosis/source=test_system/year=2021", TestName = "IngestAsync_PartitionFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("_quarantine", TestName = "IngestAsync_QuarantineFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("_batches", TestName = "IngestAsync_BatchesFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("_locks", TestName = "IngestAsync_LocksFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("_registers", TestName = "IngestAsync_RegisterVersionsFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    public void IngestAsync_FolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough(string folder)
    {
        var link = PlantedLink.ToFolder(_folder, Path.Combine(_layout.Root, folder));
        var feed = WriteFeed("good.csv", DiagnosisHeader, [.. GoodDiagnosisRows(), $"{Alice.Value},E119,X,2021-03-04T10:00:00,bad type"]);

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed), link.Refused);
        AssertNothingCommittedThrough(link);
    }

    [Test]
    public async Task IngestAsync_PartFileNameIsAPlantedLink_IsRefusedAndRunsAgainOnceItIsRemoved()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());
        var link = PlantedLink.ToFile(_folder, Path.Combine(_layout.Root, PartitionOf2021, $"part-{BatchIdOf(feed)}.parquet"));

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed), link.Refused);
        AssertNothingCommittedThrough(link);

        link.Remove();
        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);
        Assert.That(result.Commit.RowsWritten, Is.EqualTo(3), "nothing lost: the same feed ingests once the link is gone");
    }

    [Test]
    public void IngestAsync_LockFileNameIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());
        var link = PlantedLink.ToFile(_folder, Path.Combine(_layout.LocksFolder, BatchIdOf(feed) + ".lock"));

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed), link.Refused);
        AssertNothingCommittedThrough(link);
    }


    private void AssertNothingCommittedThrough(PlantedLink link)
    {
        link.Remove();
        Assert.Multiple(() =>
        {
            Assert.That(link.TargetUnchanged, Is.True, $"nothing written, renamed or deleted through {link}");
            Assert.That(new CommitLog(_layout).ReadAll(), Is.Empty);
        });
    }
}
