namespace Lake.Synthetic;

/// <summary>
/// Where a feed's defect rows go and which kind each one is. Defect rows are extra lines
/// scattered among the good ones, so a feed's good rows are the same whatever the rate.
/// </summary>
internal sealed class DefectSchedule
{
    /// <summary>Below this many good rows a feed is not promised one defect of every kind.</summary>
    public const int EveryKindThreshold = 500;

    private readonly int[] _positions;
    private readonly string[] _kinds;

    private DefectSchedule(int goodRows, int[] positions, string[] kinds)
    {
        GoodRows = goodRows;
        _positions = positions;
        _kinds = kinds;
    }

    public int GoodRows { get; }

    public int DefectRows => _positions.Length;

    public int TotalRows => GoodRows + DefectRows;

    /// <summary>
    /// round(rate × good rows) defects, raised to one of each kind for a feed of at least
    /// <see cref="EveryKindThreshold"/> good rows, so every quarantine path is exercised.
    /// </summary>
    public static int CountFor(int goodRows, double rate, int kindCount)
    {
        var count = (int)Math.Round(rate * goodRows, MidpointRounding.AwayFromZero);
        if (rate > 0 && goodRows >= EveryKindThreshold)
            count = Math.Max(count, kindCount);

        return count;
    }

    public static DefectSchedule Plan(int goodRows, double rate, IReadOnlyList<string> kinds, Random random)
    {
        var count = CountFor(goodRows, rate, kinds.Count);
        var total = goodRows + count;

        // Floyd's algorithm picks distinct positions without touching all of them; sorting
        // makes the result independent of the set's iteration order.
        var chosen = new HashSet<int>(count);
        for (var j = total - count; j < total; j++)
        {
            var candidate = random.Next(j + 1);
            chosen.Add(chosen.Contains(candidate) ? j : candidate);
        }

        var positions = chosen.ToArray();
        Array.Sort(positions);

        // Kinds share the defects evenly; the remainder goes to kinds picked at random.
        var order = kinds.ToList();
        random.Shuffle(order);
        var assigned = new List<string>(count);
        for (var i = 0; i < count; i++)
            assigned.Add(order[i % order.Count]);

        random.Shuffle(assigned);
        return new DefectSchedule(goodRows, positions, [.. assigned]);
    }

    /// <summary>The defect kind of the data row at <paramref name="position"/> (0-based), or null for a good row.</summary>
    public string? KindAt(int position, ref int cursor)
    {
        if (cursor < _positions.Length && _positions[cursor] == position)
            return _kinds[cursor++];

        return null;
    }
}
