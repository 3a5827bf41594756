using Lake.Coordinator.Audit.Merkle;

namespace Lake.Coordinator.Tests.Audit.Merkle;

/// <summary>
/// The eight reference leaves of the Certificate Transparency implementations and the roots of
/// their first 1 to 8 (transparency-dev/merkle: proof/verify_test.go, and RFC 6962's reference code).
/// </summary>
internal static class ReferenceTree
{
    public static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    /// <summary>Roots of the trees of the first 1, 2, ..., 8 leaves.</summary>
    public static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public const string EmptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static byte[] Root(long size) => Convert.FromHexString(Roots[size - 1]);

    public static byte[] LeafHash(int index) => MerkleHash.Leaf(Convert.FromHexString(Leaves[index]));

    public static MerkleTree Build(int size)
    {
        var tree = new MerkleTree(new MerkleNodeList());
        for (var i = 0; i < size; i++)
            tree.Append(LeafHash(i));
        return tree;
    }

    /// <summary>A tree of <paramref name="size"/> leaves made up for the test, for sizes beyond the reference eight.</summary>
    public static (MerkleTree Tree, List<byte[]> Leaves) Synthetic(int size)
    {
        var tree = new MerkleTree(new MerkleNodeList());
        var leaves = new List<byte[]>();
        for (var i = 0; i < size; i++)
        {
            leaves.Add(MerkleHash.Leaf(BitConverter.GetBytes(i)));
            tree.Append(leaves[^1]);
        }

        return (tree, leaves);
    }

    /// <summary>Inclusion proofs of the reference tree: leaf index (from 0; the reference numbers from 1), tree size, path.</summary>
    public static IEnumerable<TestCaseData> Inclusions()
    {
        yield return new TestCaseData(0L, 8L, Hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        yield return new TestCaseData(5L, 8L, Hashes("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        yield return new TestCaseData(2L, 3L, Hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        yield return new TestCaseData(1L, 5L, Hashes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    }

    /// <summary>Consistency proofs of the reference tree: old size, new size, proof.</summary>
    public static IEnumerable<TestCaseData> Consistencies()
    {
        yield return new TestCaseData(1L, 8L, Hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        yield return new TestCaseData(6L, 8L, Hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        yield return new TestCaseData(2L, 5L, Hashes("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        yield return new TestCaseData(6L, 7L, Hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    }

    public static byte[][] Hashes(params string[] hex) => [.. hex.Select(Convert.FromHexString)];
}
