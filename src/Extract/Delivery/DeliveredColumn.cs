using System.Globalization;

namespace Lake.Extract.Delivery;

/// <summary>
/// One column of a delivered file as written: its name and DuckDB type, and how the researcher's
/// tools should read it: the Table Schema type of the codebook (datapackage.json), the pandas dtype
/// and the readr column type the README's read snippets use.
/// </summary>
public sealed record DeliveredColumn(string Name, string Type)
{
    private const string Instant = "TIMESTAMP WITH TIME ZONE";

    /// <summary>Text in the CSV file: quoted there, so a code such as 2095 stays text in any reader.</summary>
    public bool IsText => Type == "VARCHAR";

    /// <summary>The Table Schema type (string, integer, number, date, datetime, boolean).</summary>
    public string TableSchemaType => Type switch
    {
        "VARCHAR" => "string",
        "INTEGER" or "BIGINT" => "integer",
        "DOUBLE" => "number",
        _ when IsDecimal => "number",
        "DATE" => "date",
        Instant or "TIMESTAMP" => "datetime",
        "BOOLEAN" => "boolean",
        _ => throw new NotSupportedException($"Column '{Name}' has type {Type}, which the codebook does not describe."),
    };

    /// <summary>
    /// The Table Schema format of the CSV text, when it is not the type's default: instants to the
    /// microsecond, <see cref="DatasetTask.CsvInstantFormat"/> read back. Python's <c>%z</c> (which
    /// Table Schema patterns follow) reads the <c>Z</c> as UTC, so the instant keeps its zone.
    /// </summary>
    public string? TableSchemaFormat => Type == Instant ? "%Y-%m-%dT%H:%M:%S.%f%z" : null;

    /// <summary>pandas' nullable dtype for the column in <c>read_csv(dtype=...)</c>; dates and times are parsed with <c>parse_dates</c> instead.</summary>
    public string? PandasDtype => TableSchemaType switch
    {
        "string" => "string",
        "integer" => "Int64",
        "number" => "Float64",
        "boolean" => "boolean",
        _ => null,
    };

    /// <summary>readr's one-letter column type: c, i, d, D (date), T (date-time), l.</summary>
    public char ReadrType => Type switch
    {
        "VARCHAR" => 'c',
        "INTEGER" => 'i',
        "DATE" => 'D',
        Instant or "TIMESTAMP" => 'T',
        "BOOLEAN" => 'l',
        // BIGINT too: base R has no 64-bit integer, and a double holds every integer below 2^53 exactly.
        _ => 'd',
    };

    /// <summary>Digits of a DECIMAL(p,s) column; null for other types.</summary>
    public (int Precision, int Scale)? Decimal => IsDecimal
        ? (int.Parse(Type[8..Type.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture), int.Parse(Type[(Type.IndexOf(',', StringComparison.Ordinal) + 1)..^1], CultureInfo.InvariantCulture))
        : null;

    private bool IsDecimal => Type.StartsWith("DECIMAL(", StringComparison.Ordinal);
}
