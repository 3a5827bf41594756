using Lake.Coordinator.Audit.Merkle;

namespace Lake.Coordinator.Tests.Audit.Merkle;

/// <summary>The RFC 9162 verification algorithms, with the reference proofs and the ways they are corrupted in transparency-dev/merkle's tests.</summary>
public sealed class MerkleProofTests
{
    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");
    private static readonly byte[] EmptyTreeHash = Convert.FromHexString(ReferenceTree.EmptyRoot);

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Inclusions))]
    public void VerifyInclusion_ReferenceProof_Verifies(long index, long size, byte[][] proof)
    {
        Assert.That(MerkleProof.VerifyInclusion(index, size, ReferenceTree.LeafHash((int)index), proof, ReferenceTree.Root(size)), Is.True);
    }

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Inclusions))]
    public void VerifyInclusion_CorruptedReferenceProof_FailsEveryWay(long index, long size, byte[][] proof)
    {
        var leaf = ReferenceTree.LeafHash((int)index);
        var root = ReferenceTree.Root(size);
        var probes = new Dictionary<string, bool>
        {
            ["index - 1"] = MerkleProof.VerifyInclusion(index - 1, size, leaf, proof, root),
            ["index + 1"] = MerkleProof.VerifyInclusion(index + 1, size, leaf, proof, root),
            ["index ^ 2"] = MerkleProof.VerifyInclusion(index ^ 2, size, leaf, proof, root),
            ["size * 2"] = MerkleProof.VerifyInclusion(index, size * 2, leaf, proof, root),
            ["size / 2"] = MerkleProof.VerifyInclusion(index, size / 2, leaf, proof, root),
            ["wrong leaf"] = MerkleProof.VerifyInclusion(index, size, "WrongLeaf"u8, proof, root),
            ["empty root"] = MerkleProof.VerifyInclusion(index, size, leaf, proof, EmptyTreeHash),
            ["random root"] = MerkleProof.VerifyInclusion(index, size, leaf, proof, SomeHash),
            ["trailing garbage"] = MerkleProof.VerifyInclusion(index, size, leaf, [.. proof, []], root),
            ["trailing root"] = MerkleProof.VerifyInclusion(index, size, leaf, [.. proof, root], root),
            ["preceding garbage"] = MerkleProof.VerifyInclusion(index, size, leaf, [[], .. proof], root),
            ["preceding root"] = MerkleProof.VerifyInclusion(index, size, leaf, [root, .. proof], root),
            ["removed component"] = MerkleProof.VerifyInclusion(index, size, leaf, proof[..^1], root),
        };
        for (var i = 0; i < proof.Length; i++)
            probes[$"bit flipped in proof[{i}]"] = MerkleProof.VerifyInclusion(index, size, leaf, Flipped(proof, i, 8), root);
        if (proof.Length > 1)
            probes["inserted component"] = MerkleProof.VerifyInclusion(index, size, leaf, [proof[0], SomeHash, .. proof[1..]], root);

        Assert.That(probes.Where(p => p.Value).Select(p => p.Key), Is.Empty, "corruptions that verified");
    }

    [TestCase(0, 0)]
    [TestCase(0, 1)]
    [TestCase(1, 0)]
    [TestCase(2, 1)]
    public void VerifyInclusion_IndexNotInTheTreeOrHashesOfTheWrongSize_Fails(long index, long size)
    {
        Assert.Multiple(() =>
        {
            Assert.That(MerkleProof.VerifyInclusion(index, size, SomeHash, [], []), Is.False);
            Assert.That(MerkleProof.VerifyInclusion(index, size, [], [], EmptyTreeHash), Is.False);
            Assert.That(MerkleProof.VerifyInclusion(index, size, SomeHash, [], EmptyTreeHash), Is.False);
        });
    }

    [Test]
    public void VerifyInclusion_SingleEntryTree_IsTheLeafItself()
    {
        var leaf = MerkleHash.Leaf("data"u8);

        Assert.Multiple(() =>
        {
            Assert.That(MerkleProof.VerifyInclusion(0, 1, leaf, [], leaf), Is.True);
            Assert.That(MerkleProof.VerifyInclusion(0, 1, [], [], leaf), Is.False);
            Assert.That(MerkleProof.VerifyInclusion(0, 1, leaf, [], []), Is.False);
        });
    }

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Consistencies))]
    public void VerifyConsistency_ReferenceProof_Verifies(long oldSize, long newSize, byte[][] proof)
    {
        Assert.That(MerkleProof.VerifyConsistency(oldSize, newSize, ReferenceTree.Root(oldSize), ReferenceTree.Root(newSize), proof), Is.True);
    }

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Consistencies))]
    public void VerifyConsistency_CorruptedReferenceProof_FailsEveryWay(long oldSize, long newSize, byte[][] proof)
    {
        var oldRoot = ReferenceTree.Root(oldSize);
        var newRoot = ReferenceTree.Root(newSize);
        var probes = new Dictionary<string, bool>
        {
            ["old size - 1"] = MerkleProof.VerifyConsistency(oldSize - 1, newSize, oldRoot, newRoot, proof),
            ["old size + 1"] = MerkleProof.VerifyConsistency(oldSize + 1, newSize, oldRoot, newRoot, proof),
            ["old size ^ 2"] = MerkleProof.VerifyConsistency(oldSize ^ 2, newSize, oldRoot, newRoot, proof),
            ["new size * 2"] = MerkleProof.VerifyConsistency(oldSize, newSize * 2, oldRoot, newRoot, proof),
            ["new size / 2"] = MerkleProof.VerifyConsistency(oldSize, newSize / 2, oldRoot, newRoot, proof),
            ["wrong old root"] = MerkleProof.VerifyConsistency(oldSize, newSize, SomeHash, newRoot, proof),
            ["wrong new root"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, SomeHash, proof),
            ["swapped roots"] = MerkleProof.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, proof),
            ["empty proof"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, []),
            ["trailing garbage"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, []]),
            ["trailing old root"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, oldRoot]),
            ["trailing new root"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, newRoot]),
            ["preceding garbage"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [[], .. proof]),
            ["preceding old root"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [oldRoot, .. proof]),
            ["preceding new root"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [newRoot, .. proof]),
            ["preceding proof[0]"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [proof[0], .. proof]),
            ["truncated proof"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof[..^1]),
        };
        for (var i = 0; i < proof.Length; i++)
            probes[$"bit flipped in proof[{i}]"] = MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, Flipped(proof, i, 16));

        Assert.That(probes.Where(p => p.Value).Select(p => p.Key), Is.Empty, "corruptions that verified");
    }

    [Test]
    public void VerifyConsistency_TrivialSizes_HoldOnlyWithEmptyProofsAndMatchingRoots()
    {
        var one = SomeHash;
        var two = EmptyTreeHash;

        Assert.Multiple(() =>
        {
            Assert.That(MerkleProof.VerifyConsistency(0, 0, one, one, []), Is.True, "equal sizes, equal roots");
            Assert.That(MerkleProof.VerifyConsistency(0, 1, one, two, []), Is.True, "the empty tree starts every tree");
            Assert.That(MerkleProof.VerifyConsistency(1, 1, two, two, []), Is.True);
            Assert.That(MerkleProof.VerifyConsistency(0, 0, one, two, []), Is.False, "equal sizes, different roots");
            Assert.That(MerkleProof.VerifyConsistency(1, 1, one, two, []), Is.False);
            Assert.That(MerkleProof.VerifyConsistency(1, 0, one, two, []), Is.False, "a tree that shrank");
            Assert.That(MerkleProof.VerifyConsistency(2, 1, one, two, []), Is.False);
            Assert.That(MerkleProof.VerifyConsistency(1, 2, one, two, []), Is.False, "growth without a proof");
            Assert.That(MerkleProof.VerifyConsistency(0, 0, two, two, [two]), Is.False, "a proof where none is due");
            Assert.That(MerkleProof.VerifyConsistency(0, 1, two, two, [two]), Is.False);
            Assert.That(MerkleProof.VerifyConsistency(1, 1, two, two, [two]), Is.False);
        });
    }

    private static byte[][] Flipped(byte[][] proof, int index, byte bit)
    {
        var copy = proof.Select(hash => (byte[])hash.Clone()).ToArray();
        copy[index][0] ^= bit;
        return copy;
    }
}
