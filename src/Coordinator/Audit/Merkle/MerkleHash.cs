using System.Security.Cryptography;

namespace Lake.Coordinator.Audit.Merkle;

/// <summary>
/// The hashes of RFC 9162 §2.1.1: a leaf is SHA-256(0x00 || entry), an interior node
/// SHA-256(0x01 || left || right). The prefixes keep the two apart, so no interior node can be
/// passed off as a leaf (the second-preimage attack on a Merkle tree without them).
/// </summary>
public static class MerkleHash
{
    /// <summary>Bytes in every hash of the tree.</summary>
    public const int Size = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the tree with no leaves: SHA-256 of nothing.</summary>
    public static byte[] Empty() => SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(entry);
        return hash.GetHashAndReset();
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> joined = stackalloc byte[1 + left.Length + right.Length];
        joined[0] = NodePrefix;
        left.CopyTo(joined[1..]);
        right.CopyTo(joined[(1 + left.Length)..]);
        return SHA256.HashData(joined);
    }
}
