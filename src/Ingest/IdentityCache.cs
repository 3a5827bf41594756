using System.Numerics;
using Lake.Pseudonymization;

namespace Lake.Ingest;

/// <summary>
/// Validates and pseudonymizes each distinct identity code once per batch. Keyed hashing per row
/// would cost more than the rest of ingest; per distinct person it is noise.
/// </summary>
/// <remarks>
/// Looked up once per row among a few hundred thousand people, the table is mostly out of cache:
/// a dictionary of strings cost a string hash and four cache misses (bucket, entry, key, value)
/// per row, an eighth of ingest's CPU. Codes shaped like identity codes (11 characters, digits
/// where the date and individual number go) are packed exactly into a 64-bit key and found in
/// an open-addressing table whose slot holds the answer, one miss per row; anything else goes to
/// a dictionary.
/// </remarks>
internal sealed class IdentityCache(Pseudonymizer pseudonymizer, string register, int keyId)
{
    private const ulong Used = 1UL << 63;
    private readonly Dictionary<string, Entry> _unpacked = new(StringComparer.Ordinal);
    private Slot[] _slots = new Slot[1 << 12];
    private int _shift = 64 - 12;
    private int _count;
    private ulong _previousKey;
    private Entry _previous;

    public int Count => _count + _unpacked.Count;

    public Entry Resolve(ReadOnlySpan<char> code)
    {
        if (!TryPack(code, out var key))
            return ResolveUnpacked(code);

        // Feeds often list a person's rows together (a sample's panel of tests).
        if (key == _previousKey)
            return _previous;

        var mask = _slots.Length - 1;
        for (var i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
                return Remember(key, slot.Entry);
            if (slot.Key == 0)
            {
                var entry = Create(code);
                slot = new Slot(key, entry);
                if (++_count * 2 > _slots.Length)
                    Grow();
                return Remember(key, entry);
            }
        }
    }

    /// <summary>Digits as four bits each, the century sign and check character as seven: 50 bits, one key per code, no two codes alike.</summary>
    private static bool TryPack(ReadOnlySpan<char> code, out ulong key)
    {
        key = 0;
        if (code.Length != 11)
            return false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (i is 6 or 10)
            {
                if (c > 0x7F)
                    return false;
                key = (key << 7) | c;
            }
            else
            {
                var digit = (uint)(c - '0');
                if (digit > 9)
                    return false;
                key = (key << 4) | digit;
            }
        }

        key |= Used;
        return true;
    }

    private Entry ResolveUnpacked(ReadOnlySpan<char> code)
    {
        var lookup = _unpacked.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(code, out var entry))
        {
            entry = Create(code);
            lookup[code] = entry;
        }

        return entry;
    }

    private Entry Create(ReadOnlySpan<char> code) =>
        Hetu.TryParse(code, out var hetu, out var error)
            ? new Entry(hetu, pseudonymizer.RegisterPseudonym(register, pseudonymizer.IdentityOf(hetu), keyId), hetu.BirthDate, HetuError.None)
            : new Entry(null, Guid.Empty, default, error);

    private Entry Remember(ulong key, Entry entry)
    {
        _previousKey = key;
        _previous = entry;
        return entry;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift = 64 - BitOperations.Log2((uint)_slots.Length);
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == 0)
                continue;
            var i = (int)((slot.Key * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_slots[i].Key != 0)
                i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    /// <summary>A code's person: parsed code and pseudonym, or why the code is not valid. The birth date is kept beside them so the per-row checks need not reach into the code object.</summary>
    public readonly record struct Entry(Hetu? Hetu, Guid Pseudonym, DateOnly BirthDate, HetuError Error);

    private readonly record struct Slot(ulong Key, Entry Entry);
}
