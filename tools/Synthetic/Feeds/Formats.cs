using System.Globalization;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Field formatting shared by the feeds. Always invariant culture: the Finnish decimal comma is
/// applied on purpose, never inherited from the machine.
/// </summary>
internal static class Formats
{
    /// <summary>Finnish date and time to the minute, as old Windows-era exports write it.</summary>
    public const string FinnishTime = "dd.MM.yyyy HH:mm";

    public const string FinnishDate = "dd.MM.yyyy";

    public const string IsoTime = "yyyy-MM-ddTHH:mm:ss";

    public const string IsoDate = "yyyy-MM-dd";

    /// <summary>The time as a feed that writes minutes records it: seconds dropped, not rounded.</summary>
    public static DateTime ToMinute(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));

    public static string Time(DateTime time, string format) => time.ToString(format, CultureInfo.InvariantCulture);

    public static string Date(DateOnly date, string format) => date.ToString(format, CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date, string format) => date?.ToString(format, CultureInfo.InvariantCulture);

    public static string Point(double value, int decimals) =>
        value.ToString(decimals switch { 0 => "F0", 1 => "F1", _ => "F2" }, CultureInfo.InvariantCulture);

    public static string Comma(double value, int decimals) => Point(value, decimals).Replace('.', ',');

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
