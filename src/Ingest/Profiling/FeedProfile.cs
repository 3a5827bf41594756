using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Profiling;

/// <summary>What a scan found out about a feed: its physical shape, with why, and each column.</summary>
public sealed record FeedProfile
{
    public required string FeedName { get; init; }

    /// <summary>delimited, fixed_width or json_lines, as a descriptor spells it.</summary>
    public required string Kind { get; init; }

    /// <summary>The delimiter as a descriptor spells it (",", ";", "tab", "|"); null for JSON Lines.</summary>
    public string? Delimiter { get; init; }

    /// <summary>For a fixed-width feed, the fields the scan could place (the identity code); the rest are the system's record layout to fill in.</summary>
    public IReadOnlyList<FixedWidthField> Fields { get; init; } = [];

    /// <summary>utf-8, iso-8859-1 or windows-1252.</summary>
    public required string Encoding { get; init; }

    /// <summary>gzip or none.</summary>
    public required string Compression { get; init; }

    public required bool Header { get; init; }

    /// <summary>Why the scan chose the encoding, delimiter and header it did, one line each.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    public required long RowsSampled { get; init; }

    /// <summary>The sample limit stopped the scan before the end of the feed.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Sampled rows whose field count differs from the header's.</summary>
    public required long RowsWithWrongFieldCount { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>The column that holds identity codes, when one clearly does.</summary>
    public string? IdentityColumn { get; init; }
}
