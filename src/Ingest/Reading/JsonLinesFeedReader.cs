using System.Text.Json;

namespace Lake.Ingest.Reading;

/// <summary>
/// JSON Lines: one object per line. Columns are the descriptor's field names, or the keys of the
/// first object; a missing key is an empty field, a nested value keeps its JSON text.
/// </summary>
internal sealed class JsonLinesFeedReader : IFeedReader
{
    private readonly TextReader _text;
    private readonly Dictionary<string, int> _index;
    private string? _pending;
    private long _line;

    public JsonLinesFeedReader(TextReader text, IReadOnlyList<string>? columns)
    {
        _text = text;
        if (columns is null or { Count: 0 })
        {
            _pending = NextNonEmpty(out _);
            columns = _pending is null ? [] : KeysOf(_pending);
        }

        ColumnNames = columns;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public char DisplayDelimiter => '|';

    public bool Read(FeedRecord record)
    {
        var line = _pending ?? NextNonEmpty(out _);
        _pending = null;
        if (line is null)
            return false;

        record.Clear();
        record.Line = _line;
        var values = new string?[ColumnNames.Count];
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                record.Problem = "the line is JSON but not an object";
                return true;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (_index.TryGetValue(property.Name, out var i))
                {
                    values[i] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                }
            }
        }
        catch (JsonException e)
        {
            record.Problem = $"the line is not valid JSON ({e.Message.Split('.')[0]})";
            return true;
        }

        foreach (var value in values)
            record.Add(value);
        return true;
    }

    public void Dispose() => _text.Dispose();

    private string? NextNonEmpty(out long line)
    {
        string? text;
        do
        {
            text = _text.ReadLine();
            _line++;
        }
        while (text is not null && text.Trim().Length == 0);

        line = _line;
        return text;
    }

    private static List<string> KeysOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Select(p => p.Name).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
