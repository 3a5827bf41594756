namespace Lake.Extract.Catalog;

/// <summary>Years as ranges, as the catalog prints them: 2016, 2017, 2018, 2020 reads "2016-2018, 2020".</summary>
public static class YearRanges
{
    /// <summary>The ranges of ascending distinct years; empty for none.</summary>
    public static string Of(IReadOnlyList<int> years)
    {
        var ranges = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && years[j + 1] == years[j] + 1)
                j++;
            ranges.Add(i == j ? $"{years[i]}" : $"{years[i]}-{years[j]}");
            i = j + 1;
        }

        return string.Join(", ", ranges);
    }
}
