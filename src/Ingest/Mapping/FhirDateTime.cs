namespace Lake.Ingest.Mapping;

/// <summary>
/// FHIR's date, dateTime and instant as a register stores them: in Finnish local time. A time with
/// an offset (<c>2021-03-04T10:15:00+02:00</c>, <c>...Z</c>) is converted to Europe/Helsinki time,
/// summer time included, so a time exported in UTC lands on the hour the clinician saw. A date alone
/// (<c>2021-03-04</c>) is that day; in a timestamp column, its midnight.
/// </summary>
/// <remarks>
/// Refused: a year or a month alone (FHIR allows <c>2021</c> and <c>2021-03</c>, but a register's
/// date is a day, and picking the first of the month would invent one), and a time without an
/// offset, which FHIR forbids and which could be any of several instants. Fractions of a second are
/// kept to the tick. Parsed by reading digits at fixed positions, like <see cref="DateTimePattern"/>.
/// </remarks>
internal sealed class FhirDateTime(TimeZoneInfo finnishTime)
{
    /// <summary>The mapping's <c>format</c> that selects this parser.</summary>
    public const string Format = "fhir";

    private const string ZoneId = "Europe/Helsinki";

    /// <exception cref="FeedException">The machine has no time zone data for Finland.</exception>
    public static FhirDateTime ForFinland()
    {
        try
        {
            return new FhirDateTime(TimeZoneInfo.FindSystemTimeZoneById(ZoneId));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FeedException($"The time zone {ZoneId} is not on this machine (install the tzdata package): FHIR times cannot be converted to Finnish time without it.");
        }
    }

    /// <summary>The local time (midnight for a date), or false with why the text is not a FHIR date or dateTime.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out DateTime local, out string? problem)
    {
        local = default;
        problem = null;
        if (!TryNumber(text, 0, 4, out var year))
            return Fail("it does not start with a four-digit year", out problem);
        // Years 1 and 9999 are refused too: an offset could move them out of DateTime's range.
        if (year is < 2 or > 9998)
            return Fail($"the year {year} is out of range", out problem);
        if (text.Length == 4 || (text.Length == 7 && text[4] == '-'))
            return Fail("it gives only the year or the month, not the day", out problem);
        if (text.Length < 10 || text[4] != '-' || text[7] != '-' || !TryNumber(text, 5, 2, out var month) || !TryNumber(text, 8, 2, out var day)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Fail("it is not a real date in the form YYYY-MM-DD", out problem);
        }

        if (text.Length == 10)
        {
            local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }

        if (text.Length < 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryNumber(text, 11, 2, out var hour) || !TryNumber(text, 14, 2, out var minute) || !TryNumber(text, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Fail("its time is not hh:mm:ss after a 'T'", out problem);
        }

        var ticks = 0L;
        var at = 19;
        if (at < text.Length && text[at] == '.')
        {
            var digits = 0;
            for (at++; at < text.Length && char.IsAsciiDigit(text[at]); at++, digits++)
            {
                if (digits < 7)
                    ticks = (ticks * 10) + (text[at] - '0');
            }

            if (digits == 0)
                return Fail("a '.' after the seconds is not followed by digits", out problem);
            for (; digits < 7; digits++)
                ticks *= 10;
        }

        if (!TryOffset(text[at..], out var offset, out problem))
            return false;

        var utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks) - offset;
        local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, finnishTime), DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset, out string? problem)
    {
        offset = TimeSpan.Zero;
        problem = null;
        if (text is "Z")
            return true;
        if (text.IsEmpty)
            return Fail("it has a time but no UTC offset (Z or +02:00), so the instant it means is unknown", out problem);
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':' || !TryNumber(text, 1, 2, out var hours) || !TryNumber(text, 4, 2, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return Fail("its UTC offset is not Z or +hh:mm", out problem);
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
            offset = -offset;
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, int start, int length, out int number)
    {
        number = 0;
        if (text.Length < start + length)
            return false;
        for (var i = start; i < start + length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
                return false;
            number = (number * 10) + digit;
        }

        return true;
    }

    private static bool Fail(string why, out string? problem)
    {
        problem = why;
        return false;
    }
}
