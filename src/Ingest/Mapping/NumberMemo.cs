using System.Globalization;

namespace Lake.Ingest.Mapping;

/// <summary>
/// One feed field parsed as a number once per row, for the converters that read the same field the
/// same way: a laboratory result feeds the numeric result column and, when it is not a number, the
/// text result column, and parsing it twice cost a sixth of conversion.
/// </summary>
internal sealed class NumberMemo
{
    private bool _parsed;
    private bool _isNumber;
    private double _number;

    /// <summary>Called by the row mapper before each row.</summary>
    public void Forget() => _parsed = false;

    public bool TryParse(ReadOnlySpan<char> text, NumberFormatInfo format, out double number)
    {
        if (!_parsed)
        {
            _isNumber = double.TryParse(text, NumberStyles.Float, format, out _number);
            _parsed = true;
        }

        number = _number;
        return _isNumber;
    }
}
