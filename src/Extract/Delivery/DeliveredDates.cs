using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>A delivered date or time column at the precision the specification asks for; a shift keeps the column's type.</summary>
internal static class DeliveredDates
{
    public static string Column(string column, ColumnType type, DeliveryOptions delivery, string shiftDays) => delivery.DatePrecision switch
    {
        "month" => $"CAST(date_trunc('month', {column}) AS DATE)",
        "year" => $"CAST(date_trunc('year', {column}) AS DATE)",
        "shift" when type == ColumnType.Date => $"{column} + {shiftDays}",
        "shift" => $"{column} + to_days({shiftDays})",
        _ => column,
    };
}
