using System.Globalization;
using System.Text;

namespace Lake.Synthetic.Feeds;

/// <summary>Writes a day no calendar has in a feed's own date pattern, keeping the time of day.</summary>
internal static class ImpossibleDates
{
    /// <summary>
    /// Fills yyyy, MM, dd, HH, mm and ss of <paramref name="format"/> by hand, because no
    /// <see cref="DateTime"/> can hold 30 February; other characters are copied as they are.
    /// </summary>
    public static string Format(string format, int year, (int Day, int Month) day, TimeOnly time)
    {
        var text = new StringBuilder(format.Length);
        for (var i = 0; i < format.Length;)
        {
            var rest = format.AsSpan(i);
            if (rest.StartsWith("yyyy"))
            {
                text.Append(year.ToString("0000", CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            int? value = rest.StartsWith("MM") ? day.Month
                : rest.StartsWith("dd") ? day.Day
                : rest.StartsWith("HH") ? time.Hour
                : rest.StartsWith("mm") ? time.Minute
                : rest.StartsWith("ss") ? time.Second
                : null;
            if (value is { } number)
            {
                text.Append(number.ToString("00", CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }

            if (format[i] != '\'')
                text.Append(format[i]);
            i++;
        }

        return text.ToString();
    }
}
