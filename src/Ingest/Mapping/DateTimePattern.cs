using System.Globalization;

namespace Lake.Ingest.Mapping;

/// <summary>
/// A date or time format compiled once, parsed by reading digits at fixed positions: the formats
/// feeds use (dd.MM.yyyy HH:mm, yyyy-MM-ddTHH:mm:ss) are fixed-width, and parsing them directly is
/// several times faster than <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTime)"/>,
/// which dominates ingest time on event tables otherwise. Formats with anything else fall back to it.
/// </summary>
internal sealed class DateTimePattern
{
    private readonly string _format;
    private readonly (char Field, int Start, int Length)[]? _fields;
    private readonly (int Position, char Literal)[] _literals = [];
    private readonly int _length;

    public DateTimePattern(string format)
    {
        _format = format;
        var fields = new List<(char, int, int)>();
        var literals = new List<(int, char)>();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
                run++;

            if (c is 'y' or 'M' or 'd' or 'H' or 'm' or 's' && run == Expected(c))
            {
                fields.Add((c, i, run));
            }
            else if ("dfFghHKmMstyz'\"\\%".IndexOf(c) < 0)
            {
                for (var k = 0; k < run; k++)
                    literals.Add((i + k, c));
            }
            else
            {
                fields.Clear();
                _fields = null;
                return; // Anything else (yy, MMM, fractions, quoting) goes to the framework's parser.
            }

            i += run;
        }

        _fields = fields.ToArray();
        _literals = literals.ToArray();
        _length = format.Length;
    }

    public bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        if (_fields is null)
            return DateTime.TryParseExact(text, _format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

        value = default;
        if (text.Length != _length)
            return false;
        foreach (var (position, literal) in _literals)
        {
            if (text[position] != literal)
                return false;
        }

        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        foreach (var (field, start, length) in _fields)
        {
            var number = 0;
            for (var i = start; i < start + length; i++)
            {
                var digit = text[i] - '0';
                if ((uint)digit > 9)
                    return false;
                number = (number * 10) + digit;
            }

            switch (field)
            {
                case 'y': year = number; break;
                case 'M': month = number; break;
                case 'd': day = number; break;
                case 'H': hour = number; break;
                case 'm': minute = number; break;
                default: second = number; break;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static int Expected(char field) => field == 'y' ? 4 : 2;
}
