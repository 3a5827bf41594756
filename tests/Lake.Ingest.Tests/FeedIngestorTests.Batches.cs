using System.Text;
using Lake.Contracts.Lake;

namespace Lake.Ingest.Tests;

/// <summary>A feed ingested twice, or after a crash: each row lands exactly once.</summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_SameFeedAgain_ReturnsAlreadyIngestedAndWritesNothing()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, [.. GoodDiagnosisRows(), $"{Alice.Value},E1,P,2021-03-04T10:00:00,x"]);
        var first = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);
        var before = Snapshot(_layout.Root);

        var second = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(second.AlreadyIngested, Is.True);
            Assert.That(second.Commit, Is.EqualTo(first.Commit).Using<BatchCommit>(SameCommit));
            Assert.That(Snapshot(_layout.Root), Is.EqualTo(before));
            Assert.That(new CommitLog(_layout).ReadAll(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task IngestAsync_SameFeedUnderAnotherName_IsRecognisedByContent()
    {
        var feed = WriteFeed("monday.csv", DiagnosisHeader, GoodDiagnosisRows());
        var copy = _folder.File("tuesday.csv");
        File.Copy(feed, copy);
        await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var second = await _ingestor.IngestAsync(DiagnosisDescriptor(), copy);

        Assert.That(second.AlreadyIngested, Is.True);
    }

    [Test]
    public async Task IngestAsync_SameRowsReEncoded_AreRecognisedAndNothingIsWritten()
    {
        var rows = GoodDiagnosisRows();
        var first = await _ingestor.IngestAsync(DiagnosisDescriptor(), WriteFeed("utf8.csv", DiagnosisHeader, rows));
        var before = Snapshot(_layout.Root);
        // UTF-16 with a byte order mark, Windows line endings and every field quoted: other bytes, the same rows.
        var resent = _folder.File("utf16.csv");
        File.WriteAllText(resent, string.Concat(new[] { DiagnosisHeader }.Concat(rows.Select(r => string.Join(",", r.Split(',').Select(f => $"\"{f}\"")))).Select(l => l + "\r\n")), new UnicodeEncoding(false, true));

        var second = await _ingestor.IngestAsync(DiagnosisDescriptor(), resent);

        Assert.Multiple(() =>
        {
            Assert.That(second.AlreadyIngested, Is.True);
            Assert.That(second.SameRows, Is.True);
            Assert.That(second.Commit.BatchId, Is.EqualTo(first.Commit.BatchId));
            Assert.That(first.Commit.ContentDigest, Does.StartWith("xxh3-128:"));
            Assert.That(new CommitLog(_layout).ReadAll(), Has.Count.EqualTo(1));
            Assert.That(Snapshot(_layout.Root), Is.EqualTo(before), "no part file or quarantine left behind");
        });
    }

    [Test]
    public async Task IngestAsync_SameRowsFromAnotherSystem_AreThatSystemsBatch()
    {
        var rows = GoodDiagnosisRows();
        await _ingestor.IngestAsync(DiagnosisDescriptor(), WriteFeed("a.csv", DiagnosisHeader, rows));
        var other = DiagnosisDescriptor();
        other.System = "Other System";

        var second = await _ingestor.IngestAsync(other, WriteFeed("b.csv", DiagnosisHeader, rows));

        Assert.That(second.AlreadyIngested, Is.False, "overlapping systems send the same events; each system's copy is kept (docs/overlapping-sources.md)");
    }

    [Test]
    public async Task IngestAsync_FeedChangedByOneRow_IsANewBatch()
    {
        var rows = GoodDiagnosisRows();
        await _ingestor.IngestAsync(DiagnosisDescriptor(), WriteFeed("v1.csv", DiagnosisHeader, rows[..2]));

        var second = await _ingestor.IngestAsync(DiagnosisDescriptor(), WriteFeed("v2.csv", DiagnosisHeader, rows));

        Assert.Multiple(() =>
        {
            Assert.That(second.AlreadyIngested, Is.False);
            Assert.That(new CommitLog(_layout).ReadAll(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task IngestAsync_LeftoversOfCrashedAttempt_RemovesThemAndCommits()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());
        var batchId = BatchIdOf(feed);
        // A crash after some part files were opened: one where this run will write again, one in a
        // year this run will not write at all, and a half-written quarantine.
        var strayInUsedYear = StrayFile(Path.Combine("diagnosis", "source=test_system", "year=2021", $"part-{batchId}.parquet"));
        var strayInOtherYear = StrayFile(Path.Combine("diagnosis", "source=test_system", "year=2023", $"part-{batchId}.parquet"));
        var strayQuarantine = _layout.QuarantinePath(batchId);
        Directory.CreateDirectory(Path.GetDirectoryName(strayQuarantine)!);
        File.WriteAllText(strayQuarantine, "half a line");
        var otherBatchFile = StrayFile(Path.Combine("diagnosis", "source=test_system", "year=2021", "part-some-other-batch.parquet"));

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.BatchId, Is.EqualTo(batchId));
            Assert.That(result.AlreadyIngested, Is.False);
            Assert.That(CountRows(result), Is.EqualTo(3), "the part file at the stray's path is now a real Parquet file");
            Assert.That(File.Exists(strayInUsedYear), Is.True);
            Assert.That(File.Exists(strayInOtherYear), Is.False);
            Assert.That(File.Exists(strayQuarantine), Is.False);
            Assert.That(File.Exists(otherBatchFile), Is.True, "another batch's files are not this batch's leftovers");
        });
    }

    [Test]
    public async Task IngestAsync_SameFeedBeingIngestedElsewhere_FailsWithoutWritingAFile()
    {
        // A rejected row first, then accepted ones: neither the quarantine nor a part file may be
        // opened before the batch is known to be this process's to write.
        var feed = WriteFeed("good.csv", DiagnosisHeader, [$"{Alice.Value},E1,P,2021-03-04T10:00:00,x", .. GoodDiagnosisRows()]);
        Directory.CreateDirectory(_layout.LocksFolder);
        await using var otherProcess = new FileStream(Path.Combine(_layout.LocksFolder, BatchIdOf(feed) + ".lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), feed),
            Throws.TypeOf<BatchBusyException>().With.Message.Contains("being ingested by another process"));
        Assert.That(Directory.EnumerateFiles(_layout.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_layout.Root, f)),
            Is.EquivalentTo(new[] { Path.Combine("_locks", BatchIdOf(feed) + ".lock") }));
    }
}
