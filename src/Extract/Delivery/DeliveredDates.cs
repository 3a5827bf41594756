using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>
/// A delivered date or time column at the precision the specification asks for; a shift keeps the
/// column's type. A time stamp is delivered as an instant (DuckDB TIMESTAMPTZ, Parquet TIMESTAMP
/// adjusted to UTC): the lake keeps the hospital's wall-clock time, which says nothing of its zone to a
/// researcher's tools and is an hour off for half the year when compared with anything in UTC.
/// </summary>
internal static class DeliveredDates
{
    /// <summary>The zone hospital systems record their wall-clock times in, and the lake keeps them in.</summary>
    public const string HospitalTimeZone = "Europe/Helsinki";

    /// <remarks>
    /// DuckDB's <c>timezone(zone, TIMESTAMP)</c> (ICU) reads the wall-clock time in the zone. A time in
    /// the hour skipped in spring reads as standard time (03:30 on the last Sunday of March is
    /// 01:30 UTC), and a time in the hour repeated in autumn as its second, standard-time occurrence:
    /// the lake holds no offset to tell the two apart. The shift is applied to the wall-clock time, so a
    /// shifted time keeps its hour of the day.
    /// </remarks>
    public static string Column(string column, ColumnType type, DeliveryOptions delivery, string shiftDays) => delivery.DatePrecision switch
    {
        "month" => $"CAST(date_trunc('month', {column}) AS DATE)",
        "year" => $"CAST(date_trunc('year', {column}) AS DATE)",
        "shift" when type == ColumnType.Date => $"{column} + {shiftDays}",
        "shift" => Instant($"{column} + to_days({shiftDays})"),
        _ when type == ColumnType.Timestamp => Instant(column),
        _ => column,
    };

    private static string Instant(string wallClock) => $"timezone('{HospitalTimeZone}', {wallClock})";
}
