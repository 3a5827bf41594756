namespace Lake.Extract.Scrubbing;

/// <summary>
/// How many identifiers of each kind were taken out. Safe to add to from several threads: DuckDB may
/// call the scrubbing function from its worker threads.
/// </summary>
public sealed class RedactionCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<RedactionKind>().Length];

    public long this[RedactionKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    public long Total => Enum.GetValues<RedactionKind>().Sum(k => this[k]);

    public void Add(RedactionKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    /// <summary>Every kind by its manifest name, zeros included, so a reader sees what was looked for.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary() =>
        Enum.GetValues<RedactionKind>().ToDictionary(RedactionMarks.CountName, k => this[k]);
}
