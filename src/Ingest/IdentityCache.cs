using Lake.Pseudonymization;

namespace Lake.Ingest;

/// <summary>
/// Validates and pseudonymizes each distinct identity code once per batch. Keyed hashing per row
/// would cost more than the rest of ingest; per distinct person it is noise.
/// </summary>
internal sealed class IdentityCache(Pseudonymizer pseudonymizer, string register, int keyId)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private string? _previousCode;
    private Entry? _previous;

    public Entry Resolve(ReadOnlySpan<char> code)
    {
        // Feeds list a person's rows together (a sample's panel of tests, a visit's diagnoses):
        // comparing with the previous row's code costs a fraction of hashing it into a table of a
        // few hundred thousand people whose entries are mostly out of cache.
        if (_previousCode is not null && code.SequenceEqual(_previousCode))
            return _previous!;

        if (!_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var key, out var entry))
        {
            entry = Hetu.TryParse(code, out var hetu, out var error)
                ? new Entry(hetu, pseudonymizer.RegisterPseudonym(register, pseudonymizer.IdentityOf(hetu), keyId), HetuError.None)
                : new Entry(null, Guid.Empty, error);
            key = code.ToString();
            _entries[key] = entry;
        }

        _previousCode = key;
        _previous = entry;
        return entry;
    }

    public sealed record Entry(Hetu? Hetu, Guid Pseudonym, HetuError Error);
}
