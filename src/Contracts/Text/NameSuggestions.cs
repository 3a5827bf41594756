namespace Lake.Contracts.Text;

/// <summary>
/// "Did you mean": the known names closest to a mistyped one, so that an error can name the one or
/// two a person most likely meant instead of listing a hundred. Close is at most two edits away
/// (insert, delete, substitute, or swap two neighbours: Damerau-Levenshtein, optimal string
/// alignment), ignoring case; or a name that starts with what was typed, give or take one edit
/// (<c>uranis</c> finds <c>uranus-diagnosis</c>).
/// </summary>
public static class NameSuggestions
{
    public const int MaxDistance = 2;

    public const int MaxSuggestions = 3;

    /// <summary>Up to <see cref="MaxSuggestions"/> known names, the closest first; none when nothing is close.</summary>
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        var wanted = typed.ToLowerInvariant();
        // Two edits turn any short name into any other; a name of three letters may be one edit off.
        var allowed = wanted.Length <= 3 ? 1 : MaxDistance;
        return known
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Rank: Rank(wanted, name.ToLowerInvariant(), allowed)))
            .Where(c => c.Rank is not null)
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>The sentence an error ends with: <c>did you mean 'uranus'?</c>, or null when there is nothing to suggest.</summary>
    public static string? DidYouMean(IReadOnlyList<string> suggestions) => suggestions.Count switch
    {
        0 => null,
        1 => $"did you mean '{suggestions[0]}'?",
        _ => $"did you mean {string.Join(", ", suggestions.SkipLast(1).Select(s => $"'{s}'"))} or '{suggestions[^1]}'?",
    };

    /// <summary>Whole-name matches (by their distance) rank before prefix matches (after every distance).</summary>
    private static int? Rank(string typed, string name, int allowed)
    {
        if (typed.Length == 0 || typed == name)
            return null;
        var distance = Distance(typed, name);
        if (distance <= allowed)
            return distance;
        if (typed.Length >= 4 && name.Length > typed.Length && Distance(typed, name[..typed.Length]) <= 1)
            return MaxDistance + 1;
        return null;
    }

    /// <summary>Optimal string alignment distance: edits, with a swap of neighbours counted as one.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
