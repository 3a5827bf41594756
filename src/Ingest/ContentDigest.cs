using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Lake.Ingest.Mapping;

namespace Lake.Ingest;

/// <summary>
/// A digest of the rows a batch writes, as values rather than bytes: the same extract sent again in
/// another encoding, with other line endings or quoting, or compressed, has another feed checksum but
/// the same digest, so it is recognised as already ingested instead of doubling every row. The rows
/// are taken in feed order, each as its pseudonym and typed values. XXH3-128 over a buffer: it runs
/// on ingest's converting thread, where SHA-256 field by field cost a fifth of ingest's time, and a
/// re-sent extract is matched against its own source's batches, not against an adversary.
/// </summary>
internal sealed class ContentDigest
{
    public const string Prefix = "xxh3-128:";

    private readonly XxHash128 _hash = new();
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _length;

    public void Add(Guid pseudonym, int keyId, FieldValue[] values)
    {
        Reserve(20);
        pseudonym.TryWriteBytes(_buffer.AsSpan(_length));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 16), keyId);
        _length += 20;
        foreach (var value in values)
        {
            Reserve(25);
            var field = _buffer.AsSpan(_length, 25);
            field[0] = (byte)(value.HasValue ? (value.Text is null ? 1 : 2) : 0);
            BinaryPrimitives.WriteInt64LittleEndian(field[1..], value.Integer);
            BinaryPrimitives.WriteDoubleLittleEndian(field[9..], value.Number);
            BinaryPrimitives.WriteInt64LittleEndian(field[17..], value.Time.Ticks);
            _length += 25;
            if (value.Text is { } text)
                AppendText(text);
        }
    }

    /// <summary>The digest, <see cref="Prefix"/> and lowercase hex.</summary>
    public string Finish()
    {
        Flush();
        return Prefix + Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <summary>Length first, so that "ab","c" and "a","bc" differ.</summary>
    private void AppendText(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        Reserve(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), bytes);
        _length += 4;
        if (bytes <= _buffer.Length)
        {
            Reserve(bytes);
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        }
        else
        {
            Flush();
            _hash.Append(Encoding.UTF8.GetBytes(text));
        }
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Flush();
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _length));
        _length = 0;
    }
}
