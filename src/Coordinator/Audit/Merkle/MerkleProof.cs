using System.Numerics;
using System.Security.Cryptography;

namespace Lake.Coordinator.Audit.Merkle;

/// <summary>
/// Checks the proofs of a <see cref="MerkleTree"/> with the verification algorithms of RFC 9162
/// §2.1.3.2 and §2.1.4.2, knowing nothing but the sizes, the roots and the proof: what a witness
/// or an auditor holding an earlier checkpoint can run without the log.
/// </summary>
public static class MerkleProof
{
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || !AllHashes(proof))
            return false;
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                // A right edge: climb past the levels where this node has no sibling.
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || newSize < oldSize || oldRoot.Length != MerkleHash.Size || newRoot.Length != MerkleHash.Size || !AllHashes(proof))
            return false;
        // Equal sizes need equal roots and no proof; the empty tree is the start of every tree.
        if (oldSize == newSize)
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        if (oldSize == 0)
            return proof.Count == 0;
        if (proof.Count == 0)
            return false;

        // A complete old tree is a node of the new one; the proof leaves out what the verifier has.
        var path = BitOperations.IsPow2(oldSize) ? [oldRoot.ToArray(), .. proof] : proof;
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
            (fn, sn) = (fn >> 1, sn >> 1);
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof) => proof.All(hash => hash.Length == MerkleHash.Size);
}
