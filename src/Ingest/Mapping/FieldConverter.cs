using System.Globalization;
using Lake.Contracts.Codes;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Ingest.Mapping;

/// <summary>Converts one feed field into one register column, as its mapping in the descriptor says.</summary>
internal sealed class FieldConverter
{
    /// <summary>Longer fields are quarantined: no register column holds essays, and a runaway field is usually a broken quote.</summary>
    public const int MaxFieldLength = 32_768;

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = " " };

    private readonly ColumnMapping _mapping;
    private readonly string[] _nullValues;
    private readonly NumberFormatInfo _numberFormat;
    private readonly DateTimePattern? _dateTime;
    private readonly FhirDateTime? _fhirDateTime;
    private readonly TextInterner _texts = new();
    private readonly bool _keepIfNotNumeric;

    public FieldConverter(RegisterColumn column, ColumnMapping mapping, int sourceIndex, IReadOnlyList<string>? nullValues = null)
    {
        // An array, not the list it came as: a foreach over an interface allocates an enumerator per field.
        _nullValues = nullValues?.ToArray() ?? [];
        Column = column;
        _mapping = mapping;
        SourceIndex = sourceIndex;
        _numberFormat = mapping.Decimal == "comma" ? DecimalComma : NumberFormatInfo.InvariantInfo;
        if (mapping.Format == FhirDateTime.Format)
            _fhirDateTime = FhirDateTime.ForFinland();
        else if (mapping.Format is not null)
            _dateTime = new DateTimePattern(mapping.Format);
        _keepIfNotNumeric = mapping.KeepIf == "not_numeric";
    }

    public RegisterColumn Column { get; }

    /// <summary>Index of the feed column, or -1 when the value comes from the identity code.</summary>
    public int SourceIndex { get; }

    public string FeedColumn => _mapping.From ?? (_mapping.Identity is not null ? $"identity:{_mapping.Identity}" : "value");

    /// <summary>Identity codes found written inside this column's text and masked, so none reaches the lake.</summary>
    public long IdentityCodesMasked { get; private set; }

    /// <summary>True when the code system comes from the row, so this converter must run after the code_system column.</summary>
    public bool NeedsCodeSystem => _mapping.Normalize == "icd";

    /// <summary>Decimal format of this column, for sharing a field's parse with another column that reads it the same way.</summary>
    public string? DecimalSeparator => _mapping.Decimal;

    /// <summary>Set by the row mapper when another converter parses the same field as a number in the same row.</summary>
    public NumberMemo? SharedNumber { get; set; }

    /// <summary>Whether this converter parses its field as a number (a numeric column, or text kept only when not numeric).</summary>
    public bool ParsesNumber => _mapping.Value is null && _mapping.Identity is null && _mapping.Map is null
        && (Column.Type == ColumnType.Double || (Column.Type == ColumnType.Text && _keepIfNotNumeric));

    /// <summary>The row's code system, set by the row mapper before <see cref="Convert"/> when <see cref="NeedsCodeSystem"/>.</summary>
    public string? RowCodeSystem { get; set; }

    public Rejection? Convert(ReadOnlySpan<char> text, Hetu hetu, out FieldValue value)
    {
        value = FieldValue.Null;
        if (_mapping.Value is not null)
        {
            value = FieldValue.OfText(_mapping.Value);
            return null;
        }

        if (_mapping.Identity is not null)
        {
            value = _mapping.Identity == "birth_date"
                ? FieldValue.OfTime(hetu.BirthDate.ToDateTime(TimeOnly.MinValue))
                : FieldValue.OfText(hetu.Sex == Sex.Male ? "male" : "female");
            return null;
        }

        text = text.Trim();
        foreach (var nullValue in _nullValues)
        {
            if (text.SequenceEqual(nullValue))
                text = ReadOnlySpan<char>.Empty;
        }

        if (text.Length > MaxFieldLength)
            return Reject(RejectionReasons.FieldTooLong, $"value is {text.Length} characters; at most {MaxFieldLength} are accepted");

        if (text.IsEmpty)
        {
            return Column.Required
                ? Reject(RejectionReasons.MissingRequired, $"'{Column.Name}' is required but the field is empty")
                : null;
        }

        if (_mapping.Map is not null)
        {
            if (!_mapping.Map.TryGetValue(text.ToString(), out var mapped) && (mapped = _mapping.Otherwise) is null)
                return Reject(RejectionReasons.UnmappedValue, $"value '{Printable(text)}' is not in the descriptor's map ({string.Join(", ", _mapping.Map.Keys)})");
            value = FieldValue.OfText(mapped);
            return null;
        }

        return Column.Type switch
        {
            ColumnType.Text => ConvertText(text, out value),
            ColumnType.BigInt => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                ? Accept(FieldValue.OfInteger(integer), out value)
                : NotNumeric(text),
            ColumnType.Integer => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var small)
                ? Accept(FieldValue.OfInteger(small), out value)
                : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? Reject(RejectionReasons.InvalidNumber, $"'{Printable(text)}' does not fit the column's 32-bit integer; widen the column to bigint in its register file")
                    : NotNumeric(text),
            ColumnType.Double => !TryParseNumber(text, out var number) || !double.IsFinite(number)
                ? NotNumeric(text)
                : Column.Decimal is { } shape && !shape.Holds(number)
                    ? Reject(RejectionReasons.InvalidNumber, $"'{Printable(text)}' has more digits than the column's {shape.TypeName}; widen it in its register file")
                    : Accept(FieldValue.OfNumber(number), out value),
            ColumnType.Date or ColumnType.Timestamp when _fhirDateTime is not null => ConvertFhirTime(text, out value),
            ColumnType.Date or ColumnType.Timestamp => _dateTime!.TryParse(text, out var time)
                ? Accept(FieldValue.OfTime(time), out value)
                : Reject(RejectionReasons.InvalidDate, $"'{Printable(text)}' is not a real date in the format {_mapping.Format}"),
            _ => throw new InvalidOperationException($"Column type {Column.Type} is not fed from text."),
        };
    }

    private Rejection? ConvertText(ReadOnlySpan<char> text, out FieldValue value)
    {
        value = FieldValue.Null;
        if (_keepIfNotNumeric && TryParseNumber(text, out _))
            return null;
        if (_mapping.Normalize is null)
            return ConvertFreeText(text, out value);

        var normalize = _mapping.Normalize == "icd"
            ? RowCodeSystem switch { CodeSystems.Icd9 => "icd9", CodeSystems.Icd10Cm => "icd10cm", _ => "icd10" }
            : _mapping.Normalize;
        switch (normalize)
        {
            case "icd10" or "icd10cm":
                var code = _texts.Intern(Icd10Code.Normalize(text));
                if (!Icd10Code.IsWellFormed(code, clinicalModification: normalize == "icd10cm"))
                    return Reject(RejectionReasons.MalformedCode, $"'{Printable(text)}' is not an ICD-10 code (a letter, two digits, optionally more after a dot)");
                value = FieldValue.OfText(code);
                return null;
            case "icd9":
                var icd9 = Icd9Code.Normalize(text);
                if (!Icd9Code.IsWellFormed(icd9))
                    return Reject(RejectionReasons.MalformedCode, $"'{Printable(text)}' is not an ICD-9 code (three digits, V and two digits, or E and three digits, optionally more after a dot)");
                value = FieldValue.OfText(icd9);
                return null;
            case "upper":
                value = FieldValue.OfText(Upper(text));
                return null;
            default:
                return ConvertFreeText(text, out value);
        }
    }

    /// <summary>A FHIR date or dateTime in Finnish local time; a date column keeps the day of it.</summary>
    private Rejection? ConvertFhirTime(ReadOnlySpan<char> text, out FieldValue value)
    {
        value = FieldValue.Null;
        if (!_fhirDateTime!.TryParse(text, out var time, out var problem))
            return Reject(RejectionReasons.InvalidDate, $"'{Printable(text)}' is not a FHIR date or dateTime: {problem}");
        value = FieldValue.OfTime(Column.Type == ColumnType.Date ? time.Date : time);
        return null;
    }

    /// <summary>Text kept as written, identity codes in it masked.</summary>
    private Rejection? ConvertFreeText(ReadOnlySpan<char> text, out FieldValue value)
    {
        if (HetuText.MightContain(text))
        {
            var masked = HetuText.Mask(text.ToString(), out var count);
            IdentityCodesMasked += count;
            value = FieldValue.OfText(masked);
            return null;
        }

        value = FieldValue.OfText(_texts.Intern(text));
        return null;
    }

    /// <summary>Apart from the text paths every row takes: a stack buffer costs its method a security cookie check on every call.</summary>
    private string Upper(ReadOnlySpan<char> text)
    {
        Span<char> upper = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToUpperInvariant(upper);
        return _texts.Intern(upper);
    }

    private bool TryParseNumber(ReadOnlySpan<char> text, out double number) =>
        SharedNumber?.TryParse(text, _numberFormat, out number) ?? double.TryParse(text, NumberStyles.Float, _numberFormat, out number);

    private Rejection? NotNumeric(ReadOnlySpan<char> text) =>
        _mapping.WhenNotNumeric == "null"
            ? null
            : Reject(RejectionReasons.InvalidNumber, $"'{Printable(text)}' is not a number (decimal separator: {_mapping.Decimal})");

    private static Rejection? Accept(FieldValue converted, out FieldValue value)
    {
        value = converted;
        return null;
    }

    private Rejection Reject(string reason, string message) => new(reason, FeedColumn, $"{FeedColumn}: {message}");

    /// <summary>Quoted back in a reason, a value is cut short; identity codes never reach here (they are checked first).</summary>
    private static string Printable(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");
}
