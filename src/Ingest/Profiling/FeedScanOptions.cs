namespace Lake.Ingest.Profiling;

/// <summary>How much of a feed <see cref="FeedScanner"/> reads, and what it need not guess.</summary>
public sealed class FeedScanOptions
{
    /// <summary>Rows sampled from the start of the feed; a huge feed is scanned in bounded time and memory.</summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Distinct values counted per column; beyond it the count is a lower bound.</summary>
    public int MaxDistinct { get; init; } = 10_000;

    /// <summary>Most frequent values kept per column.</summary>
    public int TopValues { get; init; } = 10;

    /// <summary>The delimiter, when known: one character or "tab". Guessed when null.</summary>
    public string? Delimiter { get; init; }

    /// <summary>The encoding, when known: utf-8, iso-8859-1 or windows-1252. Guessed when null.</summary>
    public string? Encoding { get; init; }
}
