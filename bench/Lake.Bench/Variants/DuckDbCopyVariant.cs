using System.Diagnostics;
using DuckDB.NET.Data;
using Lake.Bench.Reporting;

namespace Lake.Bench.Variants;

/// <summary>
/// The plain DuckDB way: one COPY from read_csv to year-partitioned zstd Parquet. Nothing is
/// validated; a malformed time or a broken line would fail the whole statement.
/// </summary>
internal static class DuckDbCopyVariant
{
    /// <summary>A fixed key in the SQL text: fine for a benchmark, never for real data.</summary>
    public const string PseudonymKey = "4c616b652062656e63686d61726b206b6579206e6f7420666f72207265616c21";

    public static VariantResult Run(string variant, string feed, string work)
    {
        var output = Path.Combine(work, "out");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        if (variant == VariantNames.DuckDbPlainOneThread)
            Execute(connection, "SET threads = 1");

        var sql = CopySql(feed, output, pseudonymize: variant == VariantNames.DuckDbPseudonym);
        var stopwatch = Stopwatch.StartNew();
        var rows = Execute(connection, sql);
        stopwatch.Stop();
        return ChildMeasurement.Complete(variant, feed, rows, rows, 0, stopwatch.Elapsed, output);
    }

    /// <summary>
    /// Same columns as Lake's laboratory register. TULOS is read as text, because "neg", "pos" and
    /// "&lt;3" sit beside numbers; the number is cast from it after swapping the decimal comma.
    /// </summary>
    public static string CopySql(string feed, string output, bool pseudonymize)
    {
        var identity = pseudonymize ? $"sha256('{PseudonymKey}' || HETU) AS pseudonym" : "HETU AS hetu";
        return $"""
            COPY (
                SELECT
                    {identity},
                    NAYTTEENOTTOAIKA AS sample_time,
                    TUTKIMUSNRO AS test_code,
                    LYHENNE AS test_name,
                    TRY_CAST(replace(TULOS, ',', '.') AS DOUBLE) AS result_value,
                    CASE WHEN TRY_CAST(replace(TULOS, ',', '.') AS DOUBLE) IS NULL THEN TULOS END AS result_text,
                    YKSIKKO AS result_unit,
                    TILAAJA AS ordering_unit,
                    year(NAYTTEENOTTOAIKA) AS year
                FROM read_csv({Literal(feed)},
                    delim = '\t', header = true, decimal_separator = ',',
                    timestampformat = '%d.%m.%Y %H:%M',
                    columns = {"{"}'HETU': 'VARCHAR', 'TUTKIMUSNRO': 'VARCHAR', 'LYHENNE': 'VARCHAR',
                               'NAYTTEENOTTOAIKA': 'TIMESTAMP', 'TULOS': 'VARCHAR', 'YKSIKKO': 'VARCHAR',
                               'TILAAJA': 'VARCHAR'{"}"})
            ) TO {Literal(output)} (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)
            """;
    }

    public static string Version()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return command.ExecuteScalar()?.ToString() ?? "unknown";
    }

    private static long Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
