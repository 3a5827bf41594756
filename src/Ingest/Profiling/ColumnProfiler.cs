using System.Globalization;
using Lake.Ingest.Quarantine;
using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Accumulates one column of a scan: every value narrows the types it could still be. Values are
/// counted in memory up to a cap; identity codes among them are never handed out, only masked.
/// </summary>
internal sealed class ColumnProfiler(string name, int maxDistinct)
{
    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<int> _temporal = Enumerable.Range(0, TemporalFormats.Candidates.Count).ToList();
    private long _values;
    private long _empty;
    private long _identityCodes;
    private long _identityShaped;
    private int _maxLength;
    private bool _distinctCapped;
    private bool _integer = true;
    private bool _decimalPoint = true;
    private bool _decimalComma = true;
    private bool _sawPoint;
    private bool _sawComma;
    private int _minYear = int.MaxValue;
    private int _maxYear = int.MinValue;

    public string Name { get; } = name;

    public void Add(ReadOnlySpan<char> raw)
    {
        _values++;
        var value = raw.Trim();
        if (value.IsEmpty)
        {
            _empty++;
            return;
        }

        _maxLength = Math.Max(_maxLength, value.Length);
        if (value.Length == 11)
        {
            if (Hetu.Validate(value) == HetuError.None)
                _identityCodes++;
            // An identity column with a few bad check characters is still an identity column.
            if (IdentityCodeMask.Apply(value.ToString()) == IdentityCodeMask.Replacement)
                _identityShaped++;
        }

        Count(value);
        NarrowNumbers(value);
        NarrowTemporal(value);
    }

    public ColumnProfile Complete(int topValues)
    {
        var nonEmpty = _values - _empty;
        var (type, format, separator) = Decide(nonEmpty);
        var identityShare = nonEmpty == 0 ? 0 : (double)_identityCodes / nonEmpty;
        var hidden = nonEmpty > 0 && (identityShare >= 0.5 || (double)_identityShaped / nonEmpty >= 0.5);
        return new ColumnProfile
        {
            Name = Name,
            Type = type,
            Format = format,
            DecimalSeparator = separator,
            Values = _values,
            Empty = _empty,
            Distinct = _counts.Count,
            DistinctCapped = _distinctCapped,
            MaxLength = _maxLength,
            IdentityCodeShare = identityShare,
            ValuesHidden = hidden,
            TopValues = hidden ? [] : TopValues(topValues),
            MinYear = type is InferredType.Date or InferredType.Timestamp ? _minYear : null,
            MaxYear = type is InferredType.Date or InferredType.Timestamp ? _maxYear : null,
        };
    }

    private void Count(ReadOnlySpan<char> value)
    {
        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var count))
            lookup[value] = count + 1;
        else if (_counts.Count < maxDistinct)
            lookup[value] = 1;
        else
            _distinctCapped = true;
    }

    private void NarrowNumbers(ReadOnlySpan<char> value)
    {
        if (!_integer && !_decimalPoint && !_decimalComma)
            return;

        // A leading zero on a whole number means a code (postal code, unit number), not a quantity.
        var magnitude = value[0] is '+' or '-' ? value[1..] : value;
        var digitsOnly = !magnitude.IsEmpty && !magnitude.ContainsAnyExceptInRange('0', '9');
        if (digitsOnly && magnitude.Length > 1 && magnitude[0] == '0')
        {
            _integer = _decimalPoint = _decimalComma = false;
            return;
        }

        _integer &= digitsOnly && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        _decimalPoint &= double.TryParse(value, PlainNumber, CultureInfo.InvariantCulture, out _);
        _decimalComma &= double.TryParse(value, PlainNumber, DecimalComma, out _);
        _sawPoint |= value.Contains('.');
        _sawComma |= value.Contains(',');
    }

    private void NarrowTemporal(ReadOnlySpan<char> value)
    {
        for (var i = _temporal.Count - 1; i >= 0; i--)
        {
            if (!DateTime.TryParseExact(value, TemporalFormats.Candidates[_temporal[i]], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                _temporal.RemoveAt(i);
                continue;
            }

            _minYear = Math.Min(_minYear, time.Year);
            _maxYear = Math.Max(_maxYear, time.Year);
        }
    }

    private (InferredType, string?, string?) Decide(long nonEmpty)
    {
        if (nonEmpty == 0)
            return (InferredType.Empty, null, null);

        // Eight digits may be yyyyMMdd or a number; only plausible years make them dates.
        var plausibleYears = _minYear >= 1900 && _maxYear <= 2100;
        var temporal = _temporal.Select(i => TemporalFormats.Candidates[i]).FirstOrDefault(f => plausibleYears || !TemporalFormats.IsCompact(f));
        if (temporal is not null)
            return (TemporalFormats.HasTime(temporal) ? InferredType.Timestamp : InferredType.Date, temporal, null);
        if (_integer)
            return (InferredType.Integer, null, null);
        if (_decimalPoint && _sawPoint)
            return (InferredType.Decimal, null, "point");
        if (_decimalComma && _sawComma)
            return (InferredType.Decimal, null, "comma");
        return (InferredType.Text, null, null);
    }

    private List<ValueFrequency> TopValues(int count) =>
        _counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(p => new ValueFrequency(IdentityCodeMask.Apply(p.Key), p.Value))
            .ToList();
}
