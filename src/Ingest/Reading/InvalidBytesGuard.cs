using System.Text;

namespace Lake.Ingest.Reading;

/// <summary>
/// Refuses a whole feed at its first byte sequence that is not text in the declared encoding
/// (<c>format.invalid_bytes: reject_feed</c>). It sits between the (decompressed) bytes and the
/// text reader and decodes each block with a decoder of its own that throws instead of putting
/// U+FFFD in the bytes' place, so the block is refused before any row in it is read. The text
/// reader decodes in blocks of its own and says nothing of where they start; the offset is counted
/// here, from the feed's first byte, and a sequence begun in one block and broken in the next is
/// placed where it begins (the decoder gives its index as negative).
/// </summary>
internal sealed class InvalidBytesGuard : Stream
{
    private readonly Stream _inner;
    private readonly Decoder _decoder;
    private readonly Encoding _encoding;
    private readonly string _feedPath;
    private readonly bool _decompressed;
    private char[] _chars = [];
    private long _offset;
    private long _newlines;
    private bool _ended;

    /// <param name="decompressed">Whether <paramref name="inner"/> is the decompressed content of a gzip feed: the offset is into it, not the file.</param>
    public InvalidBytesGuard(Stream inner, Encoding encoding, string feedPath, bool decompressed)
    {
        _inner = inner;
        _encoding = (Encoding)encoding.Clone();
        _encoding.DecoderFallback = DecoderFallback.ExceptionFallback;
        _decoder = _encoding.GetDecoder();
        _feedPath = feedPath;
        _decompressed = decompressed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <exception cref="FeedException">The bytes read, or the end of the feed in the middle of a character, are not text in the encoding.</exception>
    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        if (read > 0 || !_ended)
            Check(buffer[..read], final: read == 0);
        _ended = read == 0;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> bytes, bool final)
    {
        var needed = _encoding.GetMaxCharCount(bytes.Length);
        if (_chars.Length < needed)
            _chars = new char[needed];
        try
        {
            _decoder.GetChars(bytes, _chars, flush: final);
        }
        catch (DecoderFallbackException e)
        {
            // A negative index is a sequence carried over from the block before, which holds no
            // newline: it begins on the line the earlier blocks end on.
            var line = _newlines + bytes[..Math.Max(e.Index, 0)].Count((byte)'\n') + 1;
            throw new FeedException(Describe(_offset + e.Index, line, e.BytesUnknown ?? []));
        }

        _offset += bytes.Length;
        _newlines += bytes.Count((byte)'\n');
    }

    private string Describe(long offset, long line, byte[] unknown)
    {
        var where = _decompressed ? $"byte offset {offset} of its decompressed content" : $"byte offset {offset}";
        var what = string.Join(" ", unknown.Select(b => $"0x{b:X2}"));
        return $"Feed '{_feedPath}' is refused whole: at {where} (line {line}) it holds {what}, which is not {_encoding.WebName} text, and its descriptor says "
            + "format.invalid_bytes: reject_feed. Nothing of it was ingested. Fix the bytes at the source (or format.encoding, if the feed is in another encoding) and ingest it again.";
    }
}
