using System.Globalization;
using Lake.Ingest.Quarantine;
using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Accumulates one column of a scan. Each candidate type and date format counts the values it
/// reads; one that fails too often is dropped early, so a text column costs a few dozen parse
/// attempts, not one per format per row. Values are counted in memory up to a cap; identity codes
/// among them are never handed out, only masked.
/// </summary>
internal sealed class ColumnProfiler(string name, int maxDistinct)
{
    /// <summary>
    /// Share of the non-empty values a type must read for the column to have it. Real feeds carry a
    /// few broken values (31.02., a stray letter); those are what ingest quarantines, and they must
    /// not hide the format of the rest.
    /// </summary>
    public const double FitShare = 0.90;

    /// <summary>Values seen before a candidate may be dropped for failing too often.</summary>
    private const int Warmup = 100;

    /// <summary>Failures that drop a candidate early; looser than <see cref="FitShare"/>, so bad values bunched together early do not decide.</summary>
    private const double DropShare = 0.25;

    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Candidate[] _temporal = TemporalFormats.Candidates.Select(_ => new Candidate()).ToArray();
    private readonly Candidate _integer = new();
    private readonly Candidate _decimalPoint = new();
    private readonly Candidate _decimalComma = new();
    private long _values;
    private long _empty;
    private long _identityCodes;
    private long _identityShaped;
    private int _maxLength;
    private bool _distinctCapped;
    private bool _sawPoint;
    private bool _sawComma;

    public string Name { get; } = name;

    private long NonEmpty => _values - _empty;

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
        TryNumbers(value);
        TryTemporal(value);
    }

    public ColumnProfile Complete(int topValues)
    {
        var nonEmpty = NonEmpty;
        var (type, format, separator, fits, minYear, maxYear) = Decide();
        var identityShare = nonEmpty == 0 ? 0 : (double)_identityCodes / nonEmpty;
        var hidden = nonEmpty > 0 && (identityShare >= 0.5 || (double)_identityShaped / nonEmpty >= 0.5);
        return new ColumnProfile
        {
            // A name is printed too; a header never holds an identity code, but a misread first row might.
            Name = IdentityCodeText.Mask(Name),
            Type = type,
            Format = format,
            DecimalSeparator = separator,
            Values = _values,
            Empty = _empty,
            NotFitting = nonEmpty - fits,
            Distinct = _counts.Count,
            DistinctCapped = _distinctCapped,
            MaxLength = _maxLength,
            IdentityCodeShare = identityShare,
            ValuesHidden = hidden,
            TopValues = hidden ? [] : TopValues(topValues),
            MinYear = minYear,
            MaxYear = maxYear,
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

    private void TryNumbers(ReadOnlySpan<char> value)
    {
        if (!Alive(_integer) && !Alive(_decimalPoint) && !Alive(_decimalComma))
            return;

        // A leading zero on a whole number means a code (postal code, unit number), not a quantity.
        var magnitude = value[0] is '+' or '-' ? value[1..] : value;
        var digitsOnly = !magnitude.IsEmpty && !magnitude.ContainsAnyExceptInRange('0', '9');
        var code = digitsOnly && magnitude.Length > 1 && magnitude[0] == '0';
        _integer.Record(!code && digitsOnly && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        _decimalPoint.Record(!code && double.TryParse(value, PlainNumber, CultureInfo.InvariantCulture, out _));
        _decimalComma.Record(!code && double.TryParse(value, PlainNumber, DecimalComma, out _));
        _sawPoint |= value.Contains('.');
        _sawComma |= value.Contains(',');
    }

    private void TryTemporal(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < _temporal.Length; i++)
        {
            var candidate = _temporal[i];
            if (!Alive(candidate))
                continue;
            var parsed = DateTime.TryParseExact(value, TemporalFormats.Candidates[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
            candidate.Record(parsed, parsed ? time.Year : null);
        }
    }

    /// <summary>Still worth trying: within its warm-up, or not yet failing clearly more than a fitting type may.</summary>
    private static bool Alive(Candidate candidate) => candidate.Tried < Warmup || candidate.Failures <= DropShare * candidate.Tried;

    private (InferredType, string?, string?, long Fits, int?, int?) Decide()
    {
        var nonEmpty = NonEmpty;
        if (nonEmpty == 0)
            return (InferredType.Empty, null, null, 0, null, null);

        bool Fits(Candidate c) => c.Tried == nonEmpty && c.Successes >= FitShare * nonEmpty;

        for (var i = 0; i < _temporal.Length; i++)
        {
            var candidate = _temporal[i];
            var format = TemporalFormats.Candidates[i];
            // Eight digits may be yyyyMMdd or a number; only plausible years make them dates.
            if (!Fits(candidate) || (TemporalFormats.IsCompact(format) && (candidate.MinYear < 1900 || candidate.MaxYear > 2100)))
                continue;
            return (TemporalFormats.HasTime(format) ? InferredType.Timestamp : InferredType.Date, format, null, candidate.Successes, candidate.MinYear, candidate.MaxYear);
        }

        if (Fits(_integer))
            return (InferredType.Integer, null, null, _integer.Successes, null, null);
        var point = Fits(_decimalPoint) && _sawPoint ? _decimalPoint.Successes : -1;
        var comma = Fits(_decimalComma) && _sawComma ? _decimalComma.Successes : -1;
        if (point >= 0 && point >= comma)
            return (InferredType.Decimal, null, "point", point, null, null);
        if (comma >= 0)
            return (InferredType.Decimal, null, "comma", comma, null, null);
        return (InferredType.Text, null, null, nonEmpty, null, null);
    }

    private List<ValueFrequency> TopValues(int count) =>
        _counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(p => new ValueFrequency(IdentityCodeText.Mask(p.Key), p.Value))
            .ToList();

    /// <summary>A type or format under trial: how many values it has read and failed to read, and the years of the dates it read.</summary>
    private sealed class Candidate
    {
        public long Tried { get; private set; }

        public long Failures { get; private set; }

        public long Successes => Tried - Failures;

        public int MinYear { get; private set; } = int.MaxValue;

        public int MaxYear { get; private set; } = int.MinValue;

        public void Record(bool success, int? year = null)
        {
            Tried++;
            if (!success)
                Failures++;
            if (year is { } y)
            {
                MinYear = Math.Min(MinYear, y);
                MaxYear = Math.Max(MaxYear, y);
            }
        }
    }
}
