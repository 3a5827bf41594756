namespace Lake.Coordinator.Audit.Merkle;

/// <summary>
/// Where a <see cref="MerkleTree"/> keeps its complete subtrees. Node (level, index) is the hash
/// of leaves index·2^level to (index+1)·2^level − 1; level 0 holds the leaf hashes. Only complete
/// subtrees are kept, because they never change once the log has grown past them: every other
/// hash of any tree size is computed from them.
/// </summary>
public interface IMerkleNodes
{
    /// <summary>Leaves held: the number of nodes at level 0.</summary>
    long LeafCount { get; }

    /// <exception cref="InvalidDataException">The node is not there.</exception>
    byte[] Get(int level, long index);

    /// <summary>Adds a node the tree has just completed; nodes at a level arrive in index order.</summary>
    void Add(int level, long index, byte[] hash);
}
