using System.Diagnostics;
using System.IO.Compression;
using DuckDB.NET.Data;
using Lake.Contracts.Registers;
using Lake.Ingest;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using Lake.Ingest.Writing;
using Parquet;
using Parquet.Schema;

namespace Lake.Bench.Profiling;

/// <summary>
/// Writes the same converted rows (one partition, one thread) with Lake's column buffers under other
/// Parquet settings: the compression codec, the row group size, dictionary encoding. PartitionWriter
/// fixes its settings, so this repeats its row-group loop with the options as a parameter.
/// </summary>
internal static class ParquetWhatIf
{
    public static async Task<IReadOnlyList<WriteCost>> RunAsync(ProfileContext context, int sampleRows, CancellationToken cancellationToken)
    {
        var (pseudonyms, rows) = ConvertSample(context, sampleRows);
        var shipped = context.RowGroupSize;
        var settings = new (string Name, ParquetOptions Options, int RowGroupSize)[]
        {
            ($"as shipped: zstd fastest, {shipped:N0}-row groups", Options(CompressionMethod.Zstd), shipped),
            ("no compression", Options(CompressionMethod.None), shipped),
            ("snappy", Options(CompressionMethod.Snappy), shipped),
            ("zstd fastest, 1,048,576-row groups", Options(CompressionMethod.Zstd), 1 << 20),
            ("zstd fastest, dictionary encoding off", Options(CompressionMethod.Zstd, dictionaryThreshold: 0), shipped),
        };

        var costs = new List<WriteCost>();
        var folder = context.Folder("what-if");
        foreach (var (name, options, rowGroupSize) in settings)
        {
            // Best of two, the first also warming up the JIT for this setting.
            WriteCost? best = null;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var path = Path.Combine(folder, $"{costs.Count}-{attempt}.parquet");
                var stopwatch = Stopwatch.StartNew();
                await WriteAsync(path, context.Register, options, rowGroupSize, pseudonyms, rows, cancellationToken);
                stopwatch.Stop();
                var cost = new WriteCost(name, stopwatch.Elapsed.TotalSeconds, stopwatch.Elapsed.TotalSeconds * 1e9 / rows.Length, new FileInfo(path).Length);
                if (best is null || cost.Seconds < best.Seconds)
                    best = cost;
            }

            costs.Add(best!);
        }

        // The appender below spells out the laboratory register's columns; it only runs for that register.
        string[] laboratory = ["sample_time", "test_code", "test_name", "result_value", "result_text", "result_unit", "ordering_unit"];
        if (context.Register.Columns.Select(c => c.Name).SequenceEqual(laboratory))
            costs.Add(DuckDbAppenderCopy(folder, pseudonyms, rows));
        return costs;
    }

    /// <summary>
    /// The same rows handed to DuckDB through its appender and written by COPY on one thread: what
    /// Lake would pay if it kept its own parsing and checks but let DuckDB's native writer do Parquet.
    /// </summary>
    private static WriteCost DuckDbAppenderCopy(string folder, Guid[] pseudonyms, FieldValue[][] rows)
    {
        var path = Path.Combine(folder, "duckdb.parquet");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 1");
        Execute(connection, """
            CREATE TABLE laboratory (pseudonym UUID, key_id BIGINT, sample_time TIMESTAMP, test_code VARCHAR, test_name VARCHAR,
                                     result_value DOUBLE, result_text VARCHAR, result_unit VARCHAR, ordering_unit VARCHAR)
            """);
        var stopwatch = Stopwatch.StartNew();
        using (var appender = connection.CreateAppender("laboratory"))
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var v = rows[r];
                appender.CreateRow()
                    .AppendValue(pseudonyms[r])
                    .AppendValue(1L)
                    .AppendValue(v[0].HasValue ? v[0].Time : (DateTime?)null)
                    .AppendValue(v[1].Text)
                    .AppendValue(v[2].Text)
                    .AppendValue(v[3].HasValue ? v[3].Number : (double?)null)
                    .AppendValue(v[4].Text)
                    .AppendValue(v[5].Text)
                    .AppendValue(v[6].Text)
                    .EndRow();
            }
        }

        Execute(connection, $"COPY laboratory TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, COMPRESSION zstd)");
        stopwatch.Stop();
        return new WriteCost("DuckDB appender + COPY, zstd, 1 thread", stopwatch.Elapsed.TotalSeconds, stopwatch.Elapsed.TotalSeconds * 1e9 / rows.Length, new FileInfo(path).Length);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static ParquetOptions Options(CompressionMethod method, double? dictionaryThreshold = null)
    {
        var options = new ParquetOptions { CompressionMethod = method, CompressionLevel = CompressionLevel.Fastest };
        if (dictionaryThreshold is { } threshold)
            options.DictionaryEncodingThreshold = threshold;
        return options;
    }

    private static async Task WriteAsync(string path, RegisterDefinition register, ParquetOptions options, int rowGroupSize, Guid[] pseudonyms, FieldValue[][] rows, CancellationToken cancellationToken)
    {
        var fields = register.Columns.Select(ColumnBuffer.FieldOf).ToArray();
        var columns = register.Columns.Select(c => ColumnBuffer.For(c, rowGroupSize)).ToArray();
        var pseudonymField = new DataField<Guid>(RegisterDefinition.PseudonymColumn);
        var keyIdField = new DataField<long>(RegisterDefinition.KeyIdColumn);
        var schema = new ParquetSchema([pseudonymField, keyIdField, .. fields]);
        var keyIds = new long[rowGroupSize];
        Array.Fill(keyIds, 1);

        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options, cancellationToken: cancellationToken);
        for (var start = 0; start < rows.Length; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, rows.Length - start);
            for (var r = start; r < start + count; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                    columns[c].Append(rows[r][c]);
            }

            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<Guid>(pseudonymField, pseudonyms.AsMemory(start, count), cancellationToken: cancellationToken);
            await rowGroup.WriteAsync<long>(keyIdField, keyIds.AsMemory(0, count), cancellationToken: cancellationToken);
            for (var c = 0; c < columns.Length; c++)
            {
                await columns[c].WriteAsync(rowGroup, fields[c], cancellationToken);
                columns[c].Clear();
            }
        }
    }

    private static (Guid[] Pseudonyms, FieldValue[][] Rows) ConvertSample(ProfileContext context, int sampleRows)
    {
        using var reader = FeedReaders.Open(context.Descriptor, context.Feed);
        var mapper = new RowMapper(context.Descriptor, context.Register, reader.ColumnNames);
        var identities = new IdentityCache(context.Pseudonymizer, context.Register.Name, context.KeyRing.CurrentKeyId);
        var record = new FeedRecord();
        var pseudonyms = new List<Guid>(sampleRows);
        var rows = new List<FieldValue[]>(sampleRows);
        while (rows.Count < sampleRows && reader.Read(record))
        {
            var identity = identities.Resolve(record[mapper.IdentityIndex]);
            var values = new FieldValue[context.Register.Columns.Count];
            if (identity.Hetu is null || mapper.Map(record, identity.Hetu, values, 0, out _) is not null)
                continue;
            pseudonyms.Add(identity.Pseudonym);
            rows.Add(values);
        }

        return (pseudonyms.ToArray(), rows.ToArray());
    }
}
