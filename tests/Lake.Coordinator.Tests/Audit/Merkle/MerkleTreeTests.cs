using Lake.Coordinator.Audit.Merkle;

namespace Lake.Coordinator.Tests.Audit.Merkle;

public sealed class MerkleTreeTests
{
    [Test]
    public void RootHash_EmptyTree_IsSha256OfNothing()
    {
        Assert.That(Convert.ToHexStringLower(new MerkleTree(new MerkleNodeList()).RootHash()), Is.EqualTo(ReferenceTree.EmptyRoot));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)] // the first size that is not a power of two: the right subtree is a lone leaf
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void RootHash_ReferenceLeaves_IsTheReferenceRoot(int size)
    {
        Assert.That(Convert.ToHexStringLower(ReferenceTree.Build(size).RootHash()), Is.EqualTo(ReferenceTree.Roots[size - 1]));
    }

    [Test]
    public void RootHash_OfAnEarlierSize_IsTheRootTheTreeHadThen()
    {
        var tree = ReferenceTree.Build(8);

        Assert.That(Enumerable.Range(1, 8).Select(size => Convert.ToHexStringLower(tree.RootHash(size))), Is.EqualTo(ReferenceTree.Roots));
    }

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Inclusions))]
    public void InclusionProof_ReferenceTree_IsTheReferencePath(long index, long size, byte[][] expected)
    {
        var proof = ReferenceTree.Build(8).InclusionProof(index, size);

        Assert.That(proof, Is.EqualTo(expected));
    }

    [Test]
    public void InclusionProof_SingleLeaf_IsEmpty()
    {
        Assert.That(ReferenceTree.Build(1).InclusionProof(0, 1), Is.Empty);
    }

    [TestCaseSource(typeof(ReferenceTree), nameof(ReferenceTree.Consistencies))]
    public void ConsistencyProof_ReferenceTree_IsTheReferenceProof(long oldSize, long newSize, byte[][] expected)
    {
        var proof = ReferenceTree.Build(8).ConsistencyProof(oldSize, newSize);

        Assert.That(proof, Is.EqualTo(expected));
    }

    [TestCase(0, 5)]
    [TestCase(5, 5)]
    public void ConsistencyProof_EmptyOldTreeOrSameSize_IsEmpty(int oldSize, int newSize)
    {
        Assert.That(ReferenceTree.Build(8).ConsistencyProof(oldSize, newSize), Is.Empty);
    }

    [Test]
    public void Proofs_EverySizeUpTo70_VerifyWithTheRfcAlgorithms()
    {
        // Exhaustive rather than sampled: the sizes that go wrong straddle powers of two.
        var (tree, leaves) = ReferenceTree.Synthetic(70);
        var failures = new List<string>();
        for (var size = 1; size <= 70; size++)
        {
            var root = tree.RootHash(size);
            for (var index = 0; index < size; index++)
            {
                if (!MerkleProof.VerifyInclusion(index, size, leaves[index], tree.InclusionProof(index, size), root))
                    failures.Add($"inclusion {index} in {size}");
            }

            for (var old = 0; old <= size; old++)
            {
                if (!MerkleProof.VerifyConsistency(old, size, tree.RootHash(old), root, tree.ConsistencyProof(old, size)))
                    failures.Add($"consistency {old} to {size}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void RootHash_StoredNodes_AreOnlyCompleteSubtrees()
    {
        // 7 leaves: complete subtrees are the 7 leaves, 3 pairs and 1 four; 11 nodes in all.
        var nodes = new MerkleNodeList();
        var tree = new MerkleTree(nodes);
        for (var i = 0; i < 7; i++)
            tree.Append(ReferenceTree.LeafHash(i));

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 7).Select(i => nodes.Get(0, i)), Has.Exactly(7).Items);
            Assert.That(() => nodes.Get(1, 3), Throws.TypeOf<InvalidDataException>(), "leaf 6 has no partner yet");
            Assert.That(() => nodes.Get(2, 1), Throws.TypeOf<InvalidDataException>());
            Assert.That(nodes.Get(2, 0), Is.EqualTo(ReferenceTree.Root(4)));
        });
    }

    [TestCase(-1)]
    [TestCase(9)]
    public void RootHash_SizeOutsideTheTree_Throws(int size)
    {
        Assert.That(() => ReferenceTree.Build(8).RootHash(size), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(2, 1)]
    [TestCase(0, 9)]
    public void ConsistencyProof_SizesOutOfOrderOrBeyondTheTree_Throws(int oldSize, int newSize)
    {
        Assert.That(() => ReferenceTree.Build(8).ConsistencyProof(oldSize, newSize), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
