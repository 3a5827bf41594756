namespace Lake.Ingest.Profiling;

/// <summary>
/// Guesses the delimiter among comma, semicolon, tab and bar: the one that splits the first line
/// and then the most of the following lines into the same number of fields. One that splits
/// fewer than nine lines in ten alike is not consistent: more likely a comma in text of a
/// fixed-width feed than a delimiter.
/// </summary>
internal static class DelimiterSniffer
{
    private const double Consistent = 0.9;

    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static (char? Delimiter, bool Consistent, string Reason) Sniff(IReadOnlyList<string> lines)
    {
        (char Delimiter, int Fields, double Consistency)? best = null;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).ToList();
            if (counts[0] == 0)
                continue;
            var consistency = (double)counts.Count(c => c == counts[0]) / counts.Count;
            if (best is null || consistency > best.Value.Consistency || (consistency == best.Value.Consistency && counts[0] > best.Value.Fields - 1))
                best = (candidate, counts[0] + 1, consistency);
        }

        if (best is not { } chosen)
            return (null, false, "delimiter: none of , ; tab | on the first line, so one column");

        return (chosen.Delimiter, chosen.Consistency >= Consistent, $"delimiter {Name(chosen.Delimiter)}: splits {chosen.Consistency:P0} of the first {lines.Count} lines into the header's {chosen.Fields} fields");
    }

    /// <summary>As a descriptor spells it.</summary>
    public static string Name(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == delimiter && !quoted)
                count++;
        }

        return count;
    }
}
