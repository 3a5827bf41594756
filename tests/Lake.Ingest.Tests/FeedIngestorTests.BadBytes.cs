using System.IO.Compression;
using System.Text;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Tests;

/// <summary>
/// Bytes that are not text in the declared encoding, and rows no feed has: quarantined on their line,
/// the rest ingested; or, with format.invalid_bytes: reject_feed, the whole feed refused at the first
/// invalid byte, with its offset, and nothing left in the lake.
/// </summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_InvalidUtf8InAUtf8Feed_QuarantinesThatRowAndKeepsTheOthers()
    {
        var (path, _) = await WriteLatin1RowInUtf8FeedAsync("latin1-in-utf8.csv");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), path);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EquivalentTo(new Dictionary<string, long> { ["invalid_encoding"] = 1 }));
            Assert.That(File.ReadAllText(result.QuarantinePath!), Does.Contain(",3,").And.Contain("not text in the descriptor's encoding"));
        });
    }

    [Test]
    public async Task IngestAsync_InvalidUtf8AndRejectFeed_RefusesTheFeedAtTheByteOffsetCommitsNothingAndRunsOnceFixed()
    {
        var (path, offset) = await WriteLatin1RowInUtf8FeedAsync("latin1-in-utf8.csv");

        Assert.That(async () => await _ingestor.IngestAsync(RejectingFeeds(DiagnosisDescriptor()), path), Throws.TypeOf<FeedException>()
            .With.Message.Contains($"Feed '{path}' is refused whole: at byte offset {offset} (line 3) it holds 0xE4, which is not utf-8 text"));
        AssertLakeHoldsNothing();

        var fixedFeed = File.ReadAllText(path, Encoding.Latin1).Replace("\u00C3\u00A4", "ä", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, fixedFeed, new UTF8Encoding(false));
        var result = await _ingestor.IngestAsync(RejectingFeeds(DiagnosisDescriptor()), path);
        Assert.That(result.Commit.RowsWritten, Is.EqualTo(3), "nothing lost: the fixed feed ingests whole");
    }

    [Test]
    public async Task IngestAsync_InvalidUtf8PastTheFirstBlocksAndRejectFeed_CountsTheOffsetFromTheFeedsStartAndRemovesWhatWasWritten()
    {
        // Row groups of 100 rows: part files are written before the reader reaches the bad bytes,
        // 200 KB in, in a later block than the first; the refusal takes them away again.
        var ingestor = new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System) { RowGroupSize = 100 };
        var before = Encoding.UTF8.GetBytes(DiagnosisHeader + "\n" + string.Concat(Enumerable.Repeat($"{Alice.Value},E11.9,P,2022-05-06T11:30:00,Sisätaudit\n", 4000)));
        var bad = Encoding.Latin1.GetBytes($"{Bob.Value},I10,P,2022-05-06T11:30:00,Sisätaudit\n");
        var path = _folder.File("long.csv");
        await File.WriteAllBytesAsync(path, [.. before, .. bad, .. Encoding.UTF8.GetBytes($"{Carol.Value},J45,P,2022-07-08T08:15:00,x\n")]);
        var offset = before.Length + Array.IndexOf(bad, (byte)0xE4);

        Assert.That(async () => await ingestor.IngestAsync(RejectingFeeds(DiagnosisDescriptor()), path), Throws.TypeOf<FeedException>()
            .With.Message.Contains($"at byte offset {offset} (line 4002)"));
        AssertLakeHoldsNothing();
    }

    [Test]
    public async Task IngestAsync_InvalidUtf8InAGzipFeedAndRejectFeed_GivesTheOffsetInTheDecompressedContent()
    {
        var (plain, offset) = await WriteLatin1RowInUtf8FeedAsync("latin1-in-utf8.csv");
        var path = _folder.File("latin1-in-utf8.csv.gz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
            await gzip.WriteAsync(await File.ReadAllBytesAsync(plain));

        Assert.That(async () => await _ingestor.IngestAsync(RejectingFeeds(DiagnosisDescriptor()), path), Throws.TypeOf<FeedException>()
            .With.Message.Contains($"at byte offset {offset} of its decompressed content (line 3)"));
        AssertLakeHoldsNothing();
    }

    [Test]
    public async Task IngestAsync_Latin1FeedAndRejectFeed_IngestsEveryRow()
    {
        // Every byte is a character in Latin-1: nothing for the setting to refuse.
        var (path, _) = await WriteLatin1RowInUtf8FeedAsync("latin1-in-utf8.csv");
        var descriptor = RejectingFeeds(DiagnosisDescriptor());
        descriptor.Format.Encoding = "iso-8859-1";

        var result = await _ingestor.IngestAsync(descriptor, path);

        Assert.That(result.Commit.RowsWritten, Is.EqualTo(3));
    }

    [Test]
    public async Task IngestAsync_RowOfHundredsOfMegabytes_IsQuarantinedAsTooLongAndTheFeedGoesOn()
    {
        var path = _folder.File("huge-row.csv");
        await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync($"{DiagnosisHeader}\n{Alice.Value},E11.9,P,2022-05-06T11:30:00,a\n{Bob.Value},I10,P,2022-05-06T11:30:00,");
            var block = new string('x', 1 << 20);
            for (var i = 0; i < 20; i++)
                await writer.WriteAsync(block);
            await writer.WriteAsync($"\n{Carol.Value},J45,P,2022-05-06T11:30:00,c\n");
        }

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), path);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EquivalentTo(new Dictionary<string, long> { ["field_too_long"] = 1 }));
            Assert.That(new FileInfo(result.QuarantinePath!).Length, Is.LessThan(10 * 1024 * 1024), "the quarantine keeps the line and reason, not the 20 MB");
        });
    }

    [Test]
    public void IngestAsync_FileThatIsNotAFeed_IsRefusedWithoutRepeatingItsFirstLine()
    {
        var path = WriteFeed("passwd", "root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin");

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), path), Throws.Exception
            .With.Message.Contains("the feed's first line does not split into columns").And.Message.Not.Contains("root:x"));
    }

    [Test]
    public void IngestAsync_Device_IsRefusedBeforeItIsOpened()
    {
        Assume.That(OperatingSystem.IsLinux(), "the device files are Linux's");

        Assert.That(async () => await _ingestor.IngestAsync(DiagnosisDescriptor(), "/dev/zero"), Throws.TypeOf<FeedException>().With.Message.Contains("is a device, pipe or socket"));
    }

    /// <summary>A UTF-8 diagnosis feed whose line 3 is Latin-1: "Sisätaudit" with the byte 0xE4, which alone is not UTF-8; and that byte's offset.</summary>
    private async Task<(string Path, int Offset)> WriteLatin1RowInUtf8FeedAsync(string name)
    {
        var path = _folder.File(name);
        var header = Encoding.UTF8.GetBytes(DiagnosisHeader + "\n");
        var good = Encoding.UTF8.GetBytes($"{Alice.Value},E11.9,P,2022-05-06T11:30:00,Sisätaudit\n");
        var bad = Encoding.Latin1.GetBytes($"{Bob.Value},I10,P,2022-05-06T11:30:00,Sisätaudit\n");
        await File.WriteAllBytesAsync(path, [.. header, .. good, .. bad, .. good]);
        return (path, header.Length + good.Length + Array.IndexOf(bad, (byte)0xE4));
    }

    private static SourceDescriptor RejectingFeeds(SourceDescriptor descriptor)
    {
        descriptor.Format.InvalidBytes = InvalidBytesModes.RejectFeed;
        return descriptor;
    }

    /// <summary>No batch, and not a file of one: no part file, no quarantine, no commit record.</summary>
    private void AssertLakeHoldsNothing()
    {
        var files = Directory.Exists(_layout.Root) ? Directory.EnumerateFiles(_layout.Root, "*", SearchOption.AllDirectories).ToList() : [];
        Assert.Multiple(() =>
        {
            Assert.That(new CommitLog(_layout).ReadAll(), Is.Empty);
            Assert.That(files, Is.Empty);
        });
    }
}
