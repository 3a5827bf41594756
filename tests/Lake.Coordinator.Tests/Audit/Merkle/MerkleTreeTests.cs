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

    // The reference vectors number leaves from 1; these are the indexes from 0.
    [TestCase(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [TestCase(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [TestCase(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [TestCase(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void InclusionProof_ReferenceTree_IsTheReferencePath(int index, int size, params string[] expected)
    {
        var proof = ReferenceTree.Build(8).InclusionProof(index, size);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(expected));
    }

    [Test]
    public void InclusionProof_SingleLeaf_IsEmpty()
    {
        Assert.That(ReferenceTree.Build(1).InclusionProof(0, 1), Is.Empty);
    }

    [TestCase(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [TestCase(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [TestCase(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    [TestCase(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    public void ConsistencyProof_ReferenceTree_IsTheReferenceProof(int oldSize, int newSize, params string[] expected)
    {
        var proof = ReferenceTree.Build(8).ConsistencyProof(oldSize, newSize);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(expected));
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
