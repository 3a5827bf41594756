using System.IO.Compression;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Reading;
using nietras.SeparatedValues;

namespace Lake.Ingest;

/// <summary>A lookup file loaded into memory by key; rows of the feed borrow its columns.</summary>
internal sealed class LookupTable
{
    private readonly Dictionary<string, string[]> _rows;

    private LookupTable(LookupSpec spec, int matchIndex, Dictionary<string, string[]> rows)
    {
        Spec = spec;
        MatchIndex = matchIndex;
        _rows = rows;
    }

    public LookupSpec Spec { get; }

    /// <summary>Index of the feed column holding the key.</summary>
    public int MatchIndex { get; }

    public IEnumerable<string> ColumnNames => Spec.Columns.Select(c => $"{Spec.Name}.{c}");

    public static LookupTable Load(LookupSpec spec, string feedPath, IReadOnlyList<string> feedColumns, System.Text.Encoding? encoding = null)
    {
        var path = Path.IsPathRooted(spec.File) ? spec.File : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(feedPath))!, spec.File);
        if (!File.Exists(path))
            throw new FeedException($"Lookup '{spec.Name}': file '{path}' does not exist; supply it beside the feed.");
        var matchIndex = feedColumns.ToList().IndexOf(spec.Match);
        if (matchIndex < 0)
            throw new DescriptorException($"lookups.{spec.Name}.match: the feed has no column '{spec.Match}'; its columns are {string.Join(", ", feedColumns)}.");

        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        using var text = new StreamReader(stream, encoding ?? System.Text.Encoding.UTF8);
        using var reader = Sep.New(spec.Delimiter is "tab" or "\\t" ? '\t' : spec.Delimiter[0]).Reader(o => o with { Unescape = true }).From(text);
        if (!reader.Header.TryIndexOf(spec.Key, out var key))
            throw new FeedException($"Lookup '{spec.Name}': '{path}' has no key column '{spec.Key}'.");
        var indices = spec.Columns.Select(c => reader.Header.TryIndexOf(c, out var i) ? i : throw new FeedException($"Lookup '{spec.Name}': '{path}' has no column '{c}'.")).ToArray();

        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            var values = new string[indices.Length];
            for (var i = 0; i < indices.Length; i++)
                values[i] = row[indices[i]].ToString();
            if (!rows.TryAdd(row[key].ToString().Trim(), values))
                throw new FeedException($"Lookup '{spec.Name}': '{path}', line {row.LineNumberFrom}: key appears twice; a lookup must have one row per key.");
        }
        return new LookupTable(spec, matchIndex, rows);
    }

    /// <summary>Appends the borrowed columns to the record; empty fields when the key is not in the lookup.</summary>
    public void AppendTo(FeedRecord record)
    {
        var found = _rows.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(record[MatchIndex].Trim(), out var values);
        for (var i = 0; i < Spec.Columns.Count; i++)
            record.Add(found ? values![i] : ReadOnlySpan<char>.Empty);
    }
}
