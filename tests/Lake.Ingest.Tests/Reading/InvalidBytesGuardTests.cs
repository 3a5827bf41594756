using System.Text;
using Lake.Ingest.Reading;

namespace Lake.Ingest.Tests.Reading;

/// <summary>The guard of format.invalid_bytes: reject_feed places the first invalid sequence exactly, whatever blocks the bytes come in.</summary>
public sealed class InvalidBytesGuardTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [Test]
    public void Read_ValidText_PassesEveryByteUnchanged()
    {
        var bytes = Utf8.GetBytes("hetu,unit\n010101-123A,Sisätaudit €\n");

        Assert.That(ReadAll(bytes), Is.EqualTo(bytes));
    }

    [Test]
    public void Read_InvalidByteInALaterBlock_GivesItsOffsetFromTheStartAndItsLine()
    {
        byte[] bytes = [.. Utf8.GetBytes("a,b\nSisätaudit,€\nx,"), 0xE4, .. Utf8.GetBytes("\n")];

        Assert.That(() => ReadAll(bytes), Throws.TypeOf<FeedException>().With.Message.Contains("at byte offset 22 (line 3) it holds 0xE4"));
    }

    [Test]
    public void Read_SequenceBrokenInTheNextBlock_IsPlacedWhereItBegins()
    {
        // "€" is E2 82 AC; here its third byte is an 'x', so the sequence begun at offset 6 is not a character.
        byte[] bytes = [.. Utf8.GetBytes("a,b\nc,"), 0xE2, 0x82, (byte)'x', (byte)'\n'];

        Assert.That(() => ReadAll(bytes), Throws.TypeOf<FeedException>().With.Message.Contains("at byte offset 6 (line 2) it holds 0xE2 0x82"));
    }

    [Test]
    public void Read_FeedEndingInsideACharacter_IsRefusedWhereTheCharacterBegins()
    {
        byte[] bytes = [.. Utf8.GetBytes("a\nb\n"), 0xE2, 0x82];

        Assert.That(() => ReadAll(bytes), Throws.TypeOf<FeedException>().With.Message.Contains("at byte offset 4 (line 3) it holds 0xE2 0x82"));
    }

    [Test]
    public void Read_DecompressedFeed_SaysTheOffsetIsInTheDecompressedContent()
    {
        byte[] bytes = [(byte)'a', 0xFF];

        Assert.That(() => ReadAll(bytes, decompressed: true), Throws.TypeOf<FeedException>()
            .With.Message.Contains("feed.csv.gz' is refused whole: at byte offset 1 of its decompressed content (line 1)"));
    }

    private static byte[] ReadAll(byte[] bytes, bool decompressed = false)
    {
        using var guard = new InvalidBytesGuard(new TricklingStream(bytes), Utf8, decompressed ? "feed.csv.gz" : "feed.csv", decompressed);
        using var copy = new MemoryStream();
        guard.CopyTo(copy, bufferSize: 7);
        return copy.ToArray();
    }
}
