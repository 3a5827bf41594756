using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>
/// Writes the rows of one partition (register, source, year) of one batch into one Parquet file,
/// a row group at a time, so memory stays at a row group or two per open partition whatever the
/// feed size. Full row groups are handed to <see cref="BackgroundWrites"/> and filled anew.
/// </summary>
internal sealed class PartitionWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly ParquetSchema _schema;
    private readonly RegisterDefinition _register;
    private readonly BackgroundWrites _writes;
    private readonly int _rowGroupSize;
    private RowGroupBuffer _current;
    private bool _closed;

    private PartitionWriter(string path, FileStream stream, ParquetWriter writer, ParquetSchema schema, RegisterDefinition register, BackgroundWrites writes, int rowGroupSize)
    {
        Path = path;
        _stream = stream;
        _writer = writer;
        _schema = schema;
        _register = register;
        _writes = writes;
        _rowGroupSize = rowGroupSize;
        _current = new RowGroupBuffer(register, schema, rowGroupSize);
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public static async Task<PartitionWriter> CreateAsync(string path, RegisterDefinition register, BackgroundWrites writes, int rowGroupSize, CancellationToken cancellationToken)
    {
        var fields = new List<Field>
        {
            new DataField<Guid>(RegisterDefinition.PseudonymColumn),
            new DataField<long>(RegisterDefinition.KeyIdColumn),
        };
        fields.AddRange(register.Columns.Select(ColumnBuffer.FieldOf));
        var schema = new ParquetSchema(fields);

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        // zstd: about the size of gzip at several times the speed; DuckDB and every Parquet reader read it.
        var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest }, cancellationToken: cancellationToken);
        return new PartitionWriter(path, stream, writer, schema, register, writes, rowGroupSize);
    }

    public async ValueTask AppendAsync(Guid pseudonym, int keyId, FieldValue[] values, CancellationToken cancellationToken)
    {
        _current.Append(pseudonym, keyId, values);
        Rows++;
        if (_current.Count == _rowGroupSize)
        {
            var full = _current;
            _current = new RowGroupBuffer(_register, _schema, _rowGroupSize);
            await _writes.EnqueueAsync(() => full.WriteAsync(_writer, _schema, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Queues the last row group and the file's close; the close forces the file to disk before the batch can commit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var last = _current;
        await _writes.EnqueueAsync(async () =>
        {
            if (last.Count > 0)
                await last.WriteAsync(_writer, _schema, cancellationToken);
            await _writer.DisposeAsync();
            _stream.Flush(flushToDisk: true);
            await _stream.DisposeAsync();
            _closed = true;
        }, cancellationToken);
    }

    /// <summary>Closes a file that was not completed (after the background writes stopped); the batch does not commit, so the file is never read.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
            return;
        _closed = true;
        try
        {
            await _writer.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The file is abandoned anyway; the next attempt at the batch deletes it.
        }

        await _stream.DisposeAsync();
    }

    /// <summary>One row group's values, filled on the reading thread and written on the background one.</summary>
    private sealed class RowGroupBuffer(RegisterDefinition register, ParquetSchema schema, int capacity)
    {
        private readonly Guid[] _pseudonyms = new Guid[capacity];
        private readonly long[] _keyIds = new long[capacity];
        private readonly ColumnBuffer[] _columns = register.Columns.Select((c, i) => ColumnBuffer.For(c, schema.DataFields[i + 2], capacity)).ToArray();

        public int Count { get; private set; }

        public void Append(Guid pseudonym, int keyId, FieldValue[] values)
        {
            _pseudonyms[Count] = pseudonym;
            _keyIds[Count] = keyId;
            for (var i = 0; i < _columns.Length; i++)
                _columns[i].Append(values[i]);
            Count++;
        }

        public async Task WriteAsync(ParquetWriter writer, ParquetSchema schema, CancellationToken cancellationToken)
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<Guid>(schema.DataFields[0], _pseudonyms.AsMemory(0, Count), cancellationToken: cancellationToken);
            await rowGroup.WriteAsync<long>(schema.DataFields[1], _keyIds.AsMemory(0, Count), cancellationToken: cancellationToken);
            foreach (var column in _columns)
                await column.WriteAsync(rowGroup, cancellationToken);
        }
    }
}
