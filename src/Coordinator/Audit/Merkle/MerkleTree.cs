using System.Numerics;

namespace Lake.Coordinator.Audit.Merkle;

/// <summary>
/// An append-only Merkle tree in the shape of RFC 9162 §2.1: for n leaves, the left subtree holds
/// the largest power of two below n and the right one the rest, so the tree of the first m leaves
/// is a part of the tree of every larger size. That is what makes a consistency proof possible:
/// a root published at size m pins the first m entries of every later tree.
/// Roots and proofs for any size up to <see cref="Size"/> are computed from the complete
/// subtrees alone (<see cref="IMerkleNodes"/>), with O(log n) node reads for a root and O(log² n)
/// for a proof.
/// </summary>
public sealed class MerkleTree(IMerkleNodes nodes)
{
    public long Size => nodes.LeafCount;

    /// <summary>Adds a leaf hash (<see cref="MerkleHash.Leaf"/>) and the subtrees it completes.</summary>
    public void Append(byte[] leafHash)
    {
        var index = nodes.LeafCount;
        nodes.Add(0, index, leafHash);
        var hash = leafHash;
        // A leaf with an odd index closes its pair, the pair's parent may close its own, and so on up.
        for (var level = 0; (index & 1) == 1; level++)
        {
            hash = MerkleHash.Node(nodes.Get(level, index - 1), hash);
            index >>= 1;
            nodes.Add(level + 1, index, hash);
        }
    }

    public byte[] RootHash() => RootHash(Size);

    /// <summary>MTH(D[0:size]): the root the tree had when it held <paramref name="size"/> leaves.</summary>
    public byte[] RootHash(long size)
    {
        CheckSize(size);
        return size == 0 ? MerkleHash.Empty() : SubtreeHash(0, size);
    }

    /// <summary>PATH(index, D[0:size]) of RFC 9162 §2.1.3.1: the sibling hashes from the leaf up to the root.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        AddPath(index, 0, size, proof);
        return proof;
    }

    /// <summary>
    /// PROOF(oldSize, D[0:newSize]) of RFC 9162 §2.1.4.1: the hashes that show the tree of
    /// <paramref name="oldSize"/> leaves is the start of the tree of <paramref name="newSize"/>.
    /// Empty when the sizes are equal or the old tree is empty, which need no proof.
    /// </summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        CheckSize(newSize);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
            AddSubproof(oldSize, 0, newSize, wholeOldTree: true, proof);
        return proof;
    }

    /// <summary>The largest power of two below <paramref name="n"/> (n ≥ 2): where the RFC splits a tree of n leaves.</summary>
    internal static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    // PATH(m, D[start:end]) with m counted from start.
    private void AddPath(long m, long start, long end, List<byte[]> proof)
    {
        if (end - start == 1)
            return;
        var k = Split(end - start);
        if (m < k)
        {
            AddPath(m, start, start + k, proof);
            proof.Add(SubtreeHash(start + k, end));
        }
        else
        {
            AddPath(m - k, start + k, end, proof);
            proof.Add(SubtreeHash(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) with m counted from start.
    private void AddSubproof(long m, long start, long end, bool wholeOldTree, List<byte[]> proof)
    {
        if (m == end - start)
        {
            // The old tree's own root is known to the verifier; a subtree of it is not.
            if (!wholeOldTree)
                proof.Add(SubtreeHash(start, end));
            return;
        }

        var k = Split(end - start);
        if (m <= k)
        {
            AddSubproof(m, start, start + k, wholeOldTree, proof);
            proof.Add(SubtreeHash(start + k, end));
        }
        else
        {
            AddSubproof(m - k, start + k, end, wholeOldTree: false, proof);
            proof.Add(SubtreeHash(start, start + k));
        }
    }

    // MTH(D[start:end]). Every range the RFC's recursions reach starts at a multiple of the largest
    // power of two it splits off, so a range whose width is a power of two is one complete subtree.
    private byte[] SubtreeHash(long start, long end)
    {
        var width = end - start;
        if (BitOperations.IsPow2(width))
        {
            var level = BitOperations.Log2((ulong)width);
            return nodes.Get(level, start >> level);
        }

        var k = Split(width);
        return MerkleHash.Node(SubtreeHash(start, start + k), SubtreeHash(start + k, end));
    }

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > Size)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The tree holds {Size} leaves.");
    }
}
