using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Recognises a fixed-width feed (no delimiter, lines of one length give or take trailing blanks)
/// and finds the one field a scan can place without the record layout: the identity code, at the
/// character position where most lines hold a valid one.
/// </summary>
internal static class FixedWidthSniffer
{
    private const int IdentityLength = 11;

    /// <summary>
    /// Whether the lines look fixed-width, where the identity code starts (0-based), whether the
    /// first line is a header, and whether the fields are padded with blanks, which tells a
    /// fixed-width line with a comma in its text from a delimited one.
    /// </summary>
    public static (bool FixedWidth, int? IdentityStart, bool Header, bool Padded, string Reason) Sniff(IReadOnlyList<string> lines)
    {
        var lengths = lines.Select(l => l.TrimEnd('\r').Length).ToList();
        int shortest = lengths.Min(), longest = lengths.Max();
        // Exporters trim trailing blanks or not; a tenth of the width is the slack allowed.
        if (shortest < IdentityLength + 1 || longest - shortest > longest / 10)
            return (false, null, false, false, "");

        var padded = lines.Count(l => l.TrimEnd().Contains("   ", StringComparison.Ordinal)) * 2 > lines.Count;
        var data = lines.Count > 1 ? lines.Skip(1).ToList() : lines.ToList();
        var best = Enumerable.Range(0, shortest - IdentityLength + 1)
            .Select(offset => (Offset: offset, Codes: data.Count(l => Hetu.Validate(l.AsSpan(offset, IdentityLength)) == HetuError.None)))
            .MaxBy(p => p.Codes);
        var reason = $"format fixed_width: no delimiter, and the lines are all {(shortest == longest ? $"{shortest}" : $"{shortest}-{longest}")} characters long";
        if (best.Codes * 2 < data.Count)
            return (true, null, false, padded, reason + "; no identity code at one position in most lines");

        var header = lines.Count > 1 && Hetu.Validate(lines[0].AsSpan(best.Offset, IdentityLength)) != HetuError.None;
        return (true, best.Offset, header, padded,
            $"{reason}; an identity code at characters {best.Offset + 1}-{best.Offset + IdentityLength} in {(double)best.Codes / data.Count:P0} of the data lines" +
            (header ? "; the first line has none there, so it is a header" : ""));
    }
}
