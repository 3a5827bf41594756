using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// A delivered file as a researcher's tool sees it: each column's name and Table Schema family
/// (string, integer, number, date, datetime, boolean) and its values as plain .NET values (a long,
/// a double, a <see cref="DateOnly"/>, a UTC <see cref="DateTime"/>). Read by readers that share no
/// code with the writer: Parquet.Net for Parquet, Apache.Arrow for Arrow, and for a CSV a plain
/// RFC 4180 reader typed by nothing but the delivery's datapackage.json.
/// </summary>
internal sealed record TypedFrame(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public static async Task<TypedFrame> FromParquetAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = result.Schema.DataFields;
        var columns = fields.Select(f => $"{f.Name}: {ParquetFamily(f)}").ToList();
        // A null is left out of its row's dictionary.
        var rows = result.Data.Select(row => fields.Select(f => Plain(row.GetValueOrDefault(f.Name))).ToArray()).ToList();
        return new TypedFrame(columns, rows);
    }

    public static TypedFrame FromArrow(string path)
    {
        using var reader = new ArrowFileReader(File.OpenRead(path), new CompressionCodecFactory());
        var rows = new List<object?[]>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                for (var row = 0; row < batch.Length; row++)
                    rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(column => ArrowValue(batch.Column(column), row))]);
            }
        }

        return new TypedFrame([.. reader.Schema.FieldsList.Select(f => $"{f.Name}: {ArrowFamily(f.DataType)}")], rows);
    }

    /// <summary>The CSV typed by its resource in the data package: names, types, formats and missing values from there alone.</summary>
    public static TypedFrame FromCsv(string path, JsonObject resource)
    {
        var schema = resource["schema"]!.AsObject();
        var fields = schema["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var missing = schema["missingValues"]!.AsArray().Select(m => (string)m!).ToHashSet(StringComparer.Ordinal);
        var records = Csv.Parse(File.ReadAllText(path, Encoding.UTF8));
        var header = records[0].Select(f => f.Text).ToList();
        if (!header.SequenceEqual(fields.Select(f => (string)f["name"]!)))
            throw new InvalidDataException($"{path}: header {string.Join(",", header)} is not the schema's fields.");
        var rows = records.Skip(1)
            .Select(record => record.Select((field, i) => !field.Quoted && missing.Contains(field.Text) ? null : CsvValue(field.Text, fields[i])).ToArray())
            .ToList();
        return new TypedFrame([.. fields.Select(f => $"{f["name"]}: {f["type"]}")], rows);
    }

    private static string ParquetFamily(DataField field) => field switch
    {
        DateTimeDataField { IsAdjustedToUTC: true } => "datetime",
        DateTimeDataField => "local datetime",
        _ => field.ClrType switch
        {
            // Untyped reading gives text as character memory (ParquetOptions.PreferUntypedString is process-wide).
            var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => "string",
            var t when t == typeof(int) || t == typeof(long) => "integer",
            var t when t == typeof(double) || t == typeof(decimal) => "number",
            var t when t == typeof(DateOnly) => "date",
            var t when t == typeof(bool) => "boolean",
            var t => t.Name,
        },
    };

    private static string ArrowFamily(IArrowType type) => type switch
    {
        StringType => "string",
        Int32Type or Int64Type => "integer",
        DoubleType or Decimal128Type => "number",
        Date32Type => "date",
        TimestampType { Timezone: "UTC" } => "datetime",
        TimestampType => "local datetime",
        BooleanType => "boolean",
        _ => type.Name,
    };

    private static object? ArrowValue(IArrowArray array, int row) => array.IsNull(row) ? null : array switch
    {
        StringArray text => text.GetString(row),
        Int32Array number => (long)number.GetValue(row)!.Value,
        Int64Array number => number.GetValue(row),
        DoubleArray number => number.GetValue(row),
        Decimal128Array number => (double)number.GetValue(row)!.Value,
        Date32Array date => date.GetDateOnly(row),
        TimestampArray time => time.GetTimestamp(row)!.Value.UtcDateTime,
        BooleanArray flag => flag.GetValue(row),
        _ => throw new ArgumentException($"No reading of {array.Data.DataType.Name}"),
    };

    private static object? Plain(object? value) => value switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        int number => (long)number,
        decimal number => (double)number,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTimeOffset time => time.UtcDateTime,
        _ => value,
    };

    private static object CsvValue(string text, JsonObject field) => (string)field["type"]! switch
    {
        "string" => text,
        "integer" => long.Parse(text, CultureInfo.InvariantCulture),
        "number" => double.Parse(text, CultureInfo.InvariantCulture),
        "boolean" => bool.Parse(text),
        "date" => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "datetime" => DateTime.ParseExact(text, DotNetFormat((string?)field["format"]), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        var type => throw new ArgumentException($"No reading of Table Schema type {type}"),
    };

    /// <summary>A Table Schema strftime pattern as a .NET format; the default is ISO 8601 in UTC.</summary>
    private static string DotNetFormat(string? pattern) => (pattern ?? "%Y-%m-%dT%H:%M:%SZ")
        .Replace("%Y", "yyyy", StringComparison.Ordinal).Replace("%m", "MM", StringComparison.Ordinal).Replace("%d", "dd", StringComparison.Ordinal)
        .Replace("%H", "HH", StringComparison.Ordinal).Replace("%M", "mm", StringComparison.Ordinal).Replace("%S", "ss", StringComparison.Ordinal)
        .Replace("%f", "ffffff", StringComparison.Ordinal).Replace("%z", "K", StringComparison.Ordinal).Replace("T", "'T'", StringComparison.Ordinal)
        .Replace("Z", "'Z'", StringComparison.Ordinal);

    /// <summary>RFC 4180 records; each field remembers whether it was quoted, which is how a missing value differs from an empty text.</summary>
    private static class Csv
    {
        public static List<List<(string Text, bool Quoted)>> Parse(string text)
        {
            var records = new List<List<(string, bool)>>();
            var record = new List<(string, bool)>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"' && field.Length == 0 && !quoted)
                {
                    quoted = true;
                    i = ReadQuoted(text, i + 1, field);
                    continue;
                }

                if (c is ',' or '\n')
                {
                    record.Add((field.ToString(), quoted));
                    field.Clear();
                    quoted = false;
                    if (c == '\n')
                    {
                        records.Add(record);
                        record = [];
                    }

                    continue;
                }

                if (c != '\r')
                    field.Append(c);
            }

            if (record.Count > 0 || field.Length > 0)
            {
                record.Add((field.ToString(), quoted));
                records.Add(record);
            }

            return records;
        }

        /// <summary>Reads a quoted field's body from <paramref name="start"/> to its closing quote; returns the closing quote's position.</summary>
        private static int ReadQuoted(string text, int start, StringBuilder field)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] != '"')
                {
                    field.Append(text[i]);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    return i;
                }
            }

            throw new InvalidDataException("A quoted CSV field is not closed.");
        }
    }
}
