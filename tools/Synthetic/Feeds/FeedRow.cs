namespace Lake.Synthetic.Feeds;

/// <summary>
/// One good record of a feed, its field values already formatted as the source system writes them,
/// and what the truth says about it.
/// </summary>
internal sealed class FeedRow(string hetu, string?[] values)
{
    public string Hetu { get; } = hetu;

    /// <summary>Field values in layout order; null writes an empty field (JSON: null).</summary>
    public string?[] Values { get; } = values;

    public DateTime? EventTime { get; init; }

    public string? Code { get; init; }

    public double? Value { get; init; }

    public string? DuplicateOf { get; init; }

    public string? ExcludedAs { get; init; }

    public TextIdentifiers Identifiers { get; init; }

    public TruthRow ToTruth(int line) => new(line, Hetu, null, EventTime, Code, Value)
    {
        DuplicateOf = DuplicateOf,
        ExcludedAs = ExcludedAs,
        Identifiers = Identifiers,
    };
}
