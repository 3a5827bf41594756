using Lake.Pseudonymization;

namespace Lake.Ingest;

/// <summary>
/// Validates and pseudonymizes each distinct identity code once per batch. Keyed hashing per row
/// would cost more than the rest of ingest; per distinct person it is noise.
/// </summary>
internal sealed class IdentityCache(Pseudonymizer pseudonymizer, string register, int keyId)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Entry Resolve(ReadOnlySpan<char> code)
    {
        var lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(code, out var entry))
            return entry;

        entry = Hetu.TryParse(code, out var hetu, out var error)
            ? new Entry(hetu, pseudonymizer.RegisterPseudonym(register, pseudonymizer.IdentityOf(hetu), keyId), HetuError.None)
            : new Entry(null, Guid.Empty, error);
        lookup[code] = entry;
        return entry;
    }

    public sealed record Entry(Hetu? Hetu, Guid Pseudonym, HetuError Error);
}
