namespace Lake.Bench.Extraction;

/// <summary>Every run's seconds, Lake's and plain DuckDB's, with the medians compared.</summary>
internal sealed record TimedPair(IReadOnlyList<double> LakeSeconds, IReadOnlyList<double> PlainSeconds)
{
    public double LakeMedian => Median(LakeSeconds);

    public double PlainMedian => Median(PlainSeconds);

    /// <summary>Lake's time over plain DuckDB's: 1.5 means Lake takes half as long again.</summary>
    public double Ratio => LakeMedian / PlainMedian;

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
