namespace Lake.Ingest.Mapping;

/// <summary>
/// Returns one string instance per distinct value of a column. Codes, units and unit names repeat
/// millions of times with a few thousand distinct values; looking them up by span allocates
/// nothing. A column that turns out to be free text stops being interned once the table is full.
/// </summary>
internal sealed class TextInterner
{
    private const int MaxEntries = 1 << 16;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public string Intern(ReadOnlySpan<char> text)
    {
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var existing))
            return existing;

        var value = text.ToString();
        if (_values.Count < MaxEntries)
            _values.Add(value);
        return value;
    }
}
