using nietras.SeparatedValues;

namespace Lake.Ingest.Reading;

/// <summary>Delimited text with RFC 4180 quoting, read by Sep; a row's field count is checked by the caller.</summary>
internal sealed class DelimitedFeedReader : IFeedReader
{
    private readonly SepReader _reader;

    public DelimitedFeedReader(TextReader text, char delimiter)
    {
        _reader = Sep.New(delimiter)
            .Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true })
            .From(text);
        ColumnNames = _reader.Header.ColNames.Select(n => n.Trim()).ToList();
        DisplayDelimiter = delimiter;
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public char DisplayDelimiter { get; }

    public bool Read(FeedRecord record)
    {
        if (!_reader.MoveNext())
            return false;

        var row = _reader.Current;
        record.Clear();
        record.Line = row.LineNumberFrom;
        for (var i = 0; i < row.ColCount; i++)
            record.Add(row[i].Span);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
