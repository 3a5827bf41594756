using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Lake.Contracts.Lake;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// A dataset's Arrow IPC file (Feather v2, buffers zstd-compressed), which R's arrow::read_feather,
/// pandas.read_feather and polars.read_ipc open directly. It is written from the dataset's Parquet
/// file as written, through DuckDB's own Arrow conversion: the same rows in the same order and the
/// same logical types (the study pseudonym as the same text as in the Parquet and CSV files), with
/// no second query that could differ. The file carries no time stamp or other
/// metadata of the moment, so a replay writes it byte for byte.
/// </summary>
internal static class ArrowDeliveryFile
{
    public const string Extension = ".arrow";

    /// <summary>
    /// Rows per record batch, pyarrow's write_feather default: large enough that zstd compresses
    /// well, small enough that a dataset of any size passes through in bounded memory. Every batch
    /// but the last has exactly this many rows, whatever chunks DuckDB happens to return.
    /// </summary>
    public const int BatchRows = 64 * 1024;

    private static readonly IpcOptions Compressed = new()
    {
        CompressionCodec = CompressionCodecType.Zstd,
        CompressionCodecFactory = new CompressionCodecFactory(),
    };

    /// <summary>Writes <paramref name="path"/> (0600, new) from <paramref name="parquet"/>; returns the rows written.</summary>
    public static long Write(LakeQuerySession session, string parquet, string path)
    {
        using var command = session.Command("SELECT * FROM read_parquet($1)", parquet);
        // Chunk by chunk as DuckDB reads the file, not the whole result materialized first.
        command.UseStreamingMode = true;
        using var source = command.ExecuteArrowStream();
        var columns = source.Schema.FieldsList.Select(field => new ArrowColumnBuffer(field)).ToList();
        var schema = new Schema(columns.Select(c => c.Field), metadata: null);
        using var file = OwnerOnly.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = new ArrowFileWriter(file, schema, leaveOpen: true, Compressed);
        // The schema is written even when no batch follows, so an empty dataset is a readable file.
        writer.WriteStart();
        long rows = 0;
        // DuckDB converts a chunk when asked for it; the task only wraps that finished value.
        while (source.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } chunk)
        {
            using (chunk)
            {
                for (var start = 0; start < chunk.Length;)
                {
                    var count = Math.Min(chunk.Length - start, BatchRows - columns[0].Length);
                    for (var i = 0; i < columns.Count; i++)
                        columns[i].Append(chunk.Column(i), start, count);
                    start += count;
                    if (columns[0].Length == BatchRows)
                        rows += WriteBatch(writer, schema, columns);
                }
            }
        }

        if (columns[0].Length > 0)
            rows += WriteBatch(writer, schema, columns);
        writer.WriteEnd();
        return rows;
    }

    private static int WriteBatch(ArrowFileWriter writer, Schema schema, List<ArrowColumnBuffer> columns)
    {
        var length = columns[0].Length;
        using var batch = new RecordBatch(schema, [.. columns.Select(c => c.Build())], length);
        writer.WriteRecordBatch(batch);
        return batch.Length;
    }
}
