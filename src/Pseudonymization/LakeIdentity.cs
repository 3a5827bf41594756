using System.Buffers.Binary;

namespace Lake.Pseudonymization;

/// <summary>
/// The 16-byte lake-wide identity of a person. It is never stored in the lake: it exists
/// only in memory during ingest and extraction, between the identity code and a pseudonym.
/// </summary>
public readonly struct LakeIdentity : IEquatable<LakeIdentity>
{
    public const int Size = 16;

    // Two big-endian halves, so that equality is two compares and the byte order is fixed.
    private readonly ulong _high;
    private readonly ulong _low;

    private LakeIdentity(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    public static LakeIdentity FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A lake identity is exactly {Size} bytes, not {bytes.Length}.", nameof(bytes));

        return new LakeIdentity(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Writes the 16 bytes to the start of <paramref name="destination"/>.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"A lake identity needs {Size} bytes, the destination has {destination.Length}.", nameof(destination));

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    public static bool operator ==(LakeIdentity left, LakeIdentity right) => left.Equals(right);

    public static bool operator !=(LakeIdentity left, LakeIdentity right) => !left.Equals(right);

    public bool Equals(LakeIdentity other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is LakeIdentity other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>Redacted: the identity links a person across every register, so it must not reach a log.</summary>
    public override string ToString() => "LakeIdentity(redacted)";
}
