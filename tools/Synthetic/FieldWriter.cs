using System.Globalization;

namespace Lake.Synthetic;

/// <summary>
/// Writes field values straight into a <see cref="TextWriter"/> through stack buffers, so a
/// million-row feed allocates no string per number or date. Always invariant culture: the
/// Finnish decimal comma is applied on purpose, never inherited from the machine.
/// </summary>
internal static class FieldWriter
{
    public static void Date(TextWriter writer, DateOnly date, string format)
    {
        Span<char> buffer = stackalloc char[32];
        date.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static void DateTime(TextWriter writer, DateTime time, string format)
    {
        Span<char> buffer = stackalloc char[32];
        time.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    /// <summary>A fixed-decimal number with a decimal comma: 172,5 or 6,8 or 142.</summary>
    public static void DecimalComma(TextWriter writer, double value, int decimals)
    {
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, decimals == 0 ? "F0" : decimals == 1 ? "F1" : "F2", CultureInfo.InvariantCulture);
        var text = buffer[..written];
        var dot = text.IndexOf('.');
        if (dot >= 0)
            text[dot] = ',';

        writer.Write(text);
    }

    /// <summary>An impossible calendar date in a feed's own pattern: yyyy-MM-dd or dd.MM.yyyy.</summary>
    public static void Impossible(TextWriter writer, int year, (int Day, int Month) day, bool isoOrder)
    {
        Span<char> buffer = stackalloc char[16];
        int written;
        if (isoOrder)
            buffer.TryWrite(CultureInfo.InvariantCulture, $"{year:0000}-{day.Month:00}-{day.Day:00}", out written);
        else
            buffer.TryWrite(CultureInfo.InvariantCulture, $"{day.Day:00}.{day.Month:00}.{year:0000}", out written);

        writer.Write(buffer[..written]);
    }

    /// <summary>RFC 4180: quote a field holding a delimiter, quote or line break, doubling its quotes.</summary>
    public static void Rfc4180(TextWriter writer, string value, char delimiter)
    {
        if (value.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
