namespace Lake.Synthetic;

/// <summary>Draws items in proportion to fixed weights, by binary search over cumulative weights.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0)
            throw new ArgumentException("A weighted table needs at least one entry.", nameof(entries));

        _items = new T[list.Count];
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Weight <= 0)
                throw new ArgumentException($"Weight {list[i].Weight} of entry {i} is not positive.", nameof(entries));

            total += list[i].Weight;
            _items[i] = list[i].Item;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);

        // BinarySearch returns the complement of the first larger element when there is no exact hit.
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
