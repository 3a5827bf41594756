using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// A delivered file's rows as plain .NET values, read by a reader independent of the writer:
/// Apache.Arrow's <see cref="ArrowFileReader"/> for an Arrow file, DuckDB for a Parquet file. Values
/// come out alike from both (a UUID as <see cref="Guid"/>, a time stamp as its wall-clock
/// <see cref="DateTime"/>), so two files holding the same rows compare equal.
/// </summary>
internal sealed record DeliveredTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public static DeliveredTable FromArrow(string path, List<int>? batchLengths = null)
    {
        using var reader = new ArrowFileReader(File.OpenRead(path), new CompressionCodecFactory());
        var rows = new List<object?[]>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                batchLengths?.Add(batch.Length);
                for (var row = 0; row < batch.Length; row++)
                    rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(column => ValueOf(batch.Column(column), row))]);
            }
        }

        return new DeliveredTable([.. reader.Schema.FieldsList.Select(f => f.Name)], rows);
    }

    public static DeliveredTable FromParquet(string path) => QueryParquet("SELECT * FROM read_parquet($1)", path);

    /// <summary>Each column's DuckDB type in the Parquet file, as DuckDB reads it, in the file's order.</summary>
    public static List<(string Name, string Type)> ParquetTypes(string path) =>
        [.. QueryParquet("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))", path).Rows.Select(r => ((string)r[0]!, (string)r[1]!))];

    private static DeliveredTable QueryParquet(string sql, string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter(path));
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(column => reader.IsDBNull(column) ? null : Plain(reader.GetValue(column)))]);
        return new DeliveredTable([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)], rows);
    }

    public static Schema ArrowSchema(string path)
    {
        using var reader = new ArrowFileReader(File.OpenRead(path), new CompressionCodecFactory());
        return reader.Schema;
    }

    /// <summary>
    /// The Arrow type a Parquet column's type reads as in pyarrow and R's arrow: what the Arrow file
    /// must hold so that a study opens either file and gets the same table.
    /// </summary>
    public static string ExpectedArrowType(string duckDbType) => duckDbType switch
    {
        "UUID" => "fixed_size_binary[16] arrow.uuid",
        "VARCHAR" => "utf8",
        "INTEGER" => "int32",
        "BIGINT" => "int64",
        "DOUBLE" => "double",
        "BOOLEAN" => "bool",
        "DATE" => "date32",
        "TIMESTAMP" => "timestamp[us]",
        "TIMESTAMP WITH TIME ZONE" => "timestamp[us, UTC]",
        _ when duckDbType.StartsWith("DECIMAL(", StringComparison.Ordinal) => "decimal128" + duckDbType["DECIMAL".Length..].Replace(",", ", ", StringComparison.Ordinal),
        _ => throw new ArgumentException($"No expectation for {duckDbType}"),
    };

    /// <summary>A field's type written as <see cref="ExpectedArrowType"/> writes it.</summary>
    public static string ArrowTypeOf(Field field) => field.DataType switch
    {
        FixedSizeBinaryType { ByteWidth: 16 } when field.Metadata?.GetValueOrDefault("ARROW:extension:name") is "arrow.uuid" => "fixed_size_binary[16] arrow.uuid",
        TimestampType t => $"timestamp[{(t.Unit == TimeUnit.Microsecond ? "us" : t.Unit.ToString())}{(t.Timezone is null ? "" : ", " + t.Timezone)}]",
        Decimal128Type d => $"decimal128({d.Precision}, {d.Scale})",
        BooleanType => "bool",
        _ => field.DataType.Name,
    };

    private static object? ValueOf(IArrowArray array, int row) => array.IsNull(row) ? null : array switch
    {
        Decimal128Array number => number.GetValue(row),
        FixedSizeBinaryArray uuid => new Guid(uuid.GetBytes(row), bigEndian: true),
        StringArray text => text.GetString(row),
        Int32Array number => number.GetValue(row),
        Int64Array number => number.GetValue(row),
        DoubleArray number => number.GetValue(row),
        BooleanArray flag => flag.GetValue(row),
        Date32Array date => date.GetDateOnly(row),
        TimestampArray time => time.GetTimestamp(row)!.Value.UtcDateTime,
        _ => throw new ArgumentException($"No reading of {array.Data.DataType.Name}"),
    };

    private static object Plain(object value) => value switch
    {
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTimeOffset time => time.UtcDateTime,
        _ => value,
    };
}
