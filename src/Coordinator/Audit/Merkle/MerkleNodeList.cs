namespace Lake.Coordinator.Audit.Merkle;

/// <summary>Complete subtrees in memory: one list per level. About two hashes per leaf.</summary>
public sealed class MerkleNodeList : IMerkleNodes
{
    private readonly List<List<byte[]>> _levels = [];

    public long LeafCount => _levels.Count == 0 ? 0 : _levels[0].Count;

    public byte[] Get(int level, long index) =>
        level < _levels.Count && index >= 0 && index < _levels[level].Count
            ? _levels[level][(int)index]
            : throw new InvalidDataException($"The Merkle tree has no node {index} at level {level}.");

    public void Add(int level, long index, byte[] hash)
    {
        while (_levels.Count <= level)
            _levels.Add([]);
        if (index != _levels[level].Count)
            throw new InvalidOperationException($"Node {index} at level {level} added out of order (the level holds {_levels[level].Count}).");
        _levels[level].Add(hash);
    }
}
