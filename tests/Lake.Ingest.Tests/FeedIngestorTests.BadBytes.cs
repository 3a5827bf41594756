using System.Text;

namespace Lake.Ingest.Tests;

/// <summary>Bytes that are not text in the declared encoding, and rows no feed has: quarantined on their line, the rest ingested.</summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_InvalidUtf8InAUtf8Feed_QuarantinesThatRowAndKeepsTheOthers()
    {
        var path = _folder.File("latin1-in-utf8.csv");
        var good = Encoding.UTF8.GetBytes($"{Alice.Value},E11.9,P,2022-05-06T11:30:00,Sisätaudit\n");
        // "Sisätaudit" as Latin-1: the byte 0xE4 alone is not UTF-8.
        var bad = Encoding.Latin1.GetBytes($"{Bob.Value},I10,P,2022-05-06T11:30:00,Sisätaudit\n");
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(DiagnosisHeader + "\n"), .. good, .. bad, .. good]);

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), path);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EquivalentTo(new Dictionary<string, long> { ["invalid_encoding"] = 1 }));
            Assert.That(File.ReadAllText(result.QuarantinePath!), Does.Contain(",3,").And.Contain("not text in the descriptor's encoding"));
        });
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
}
