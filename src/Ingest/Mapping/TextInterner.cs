namespace Lake.Ingest.Mapping;

/// <summary>
/// Returns one string instance per distinct value of a column. Codes, units and unit names repeat
/// millions of times with a few thousand distinct values; looking them up by span allocates
/// nothing. A column that turns out to be free text stops being interned once the table is full.
/// </summary>
internal sealed class TextInterner
{
    private const int MaxEntries = 1 << 16;
    private const int RecentSlots = 1 << 10;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    // A direct-mapped cache in front of the set, indexed by a hash of a few characters: most
    // values are found with one comparison, without the set's full-length randomized hash.
    // A collision only sends the value on to the set.
    private readonly string?[] _recent = new string?[RecentSlots];

    public string Intern(ReadOnlySpan<char> text)
    {
        var slot = Slot(text);
        if (_recent[slot] is { } recent && text.SequenceEqual(recent))
            return recent;

        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var value))
        {
            value = text.ToString();
            if (_values.Count < MaxEntries)
                _values.Add(value);
        }

        _recent[slot] = value;
        return value;
    }

    private static int Slot(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return 0;
        var mixed = (uint)text.Length * 0x9E3779B1u;
        mixed ^= (text[0] | ((uint)text[^1] << 16)) * 0x85EBCA77u;
        mixed ^= (text[text.Length / 2] | ((uint)text[Math.Max(text.Length - 2, 0)] << 16)) * 0xC2B2AE3Du;
        return (int)((mixed ^ (mixed >> 15)) & (RecentSlots - 1));
    }
}
