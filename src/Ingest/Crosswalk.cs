using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using nietras.SeparatedValues;

namespace Lake.Ingest;

/// <summary>
/// Local patient numbers mapped to identity codes, read from a file supplied beside the feed. It
/// lives only in memory during the ingest; the identity codes it yields are pseudonymized like any other.
/// </summary>
internal sealed class Crosswalk : IIdentityResolver
{
    private readonly Dictionary<string, (string Code, int ShiftDays)> _codes;

    private Crosswalk(Dictionary<string, (string, int)> codes) => _codes = codes;

    public int Count => _codes.Count;

    public static Crosswalk Load(CrosswalkSpec spec, string feedPath, string? overridePath)
    {
        var path = overridePath ?? (Path.IsPathRooted(spec.File) ? spec.File : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(feedPath))!, spec.File));
        if (!File.Exists(path))
            throw new FeedException($"Crosswalk '{path}' named by the descriptor does not exist; supply it beside the feed or pass its path.");

        var delimiter = spec.Delimiter is "tab" or "\\t" ? '\t' : spec.Delimiter[0];
        using var reader = Sep.New(delimiter).Reader(o => o with { Unescape = true }).FromFile(path);
        if (!reader.Header.TryIndexOf(spec.LocalId, out var local) || !reader.Header.TryIndexOf(spec.IdentityCode, out var identity))
            throw new FeedException($"Crosswalk '{path}' needs columns '{spec.LocalId}' and '{spec.IdentityCode}'; it has {string.Join(", ", reader.Header.ColNames)}.");

        var shift = -1;
        if (spec.ShiftDays is not null && !reader.Header.TryIndexOf(spec.ShiftDays, out shift))
            throw new FeedException($"Crosswalk '{path}' has no column '{spec.ShiftDays}' named by crosswalk.shift_days.");

        var codes = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            var key = row[local].ToString().Trim();
            var days = 0;
            if (shift >= 0 && !int.TryParse(row[shift].Span.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out days))
                throw new FeedException($"Crosswalk '{path}', line {row.LineNumberFrom}: '{spec.ShiftDays}' must be a whole number of days.");
            if (!codes.TryAdd(key, (row[identity].ToString().Trim(), days)))
                throw new FeedException($"Crosswalk '{path}', line {row.LineNumberFrom}: local id appears twice; a crosswalk must name one identity code per local id.");
        }

        return new Crosswalk(codes);
    }

    public Rejection? Resolve(ReadOnlySpan<char> localId, out string identityCode, out int shiftDays)
    {
        var found = _codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(localId.Trim(), out var entry);
        (identityCode, shiftDays) = found ? entry : ("", 0);
        return found ? null : new Rejection(RejectionReasons.UnknownLocalId, "identity", "the local patient number is not in the crosswalk");
    }
}
