using System.Collections.Concurrent;
using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>
/// Writes the rows of one partition (register, source, year) of one batch into one Parquet file,
/// a row group at a time, so memory stays at a row group or two per open partition whatever the
/// feed size. Full row groups are handed to <see cref="BackgroundWrites"/> and their buffers come
/// back to be filled anew. The file is created by the first write, once the batch may write.
/// </summary>
internal sealed class PartitionWriter : IAsyncDisposable
{
    private readonly Func<string> _pathWhenWriting;
    private readonly ParquetSchema _schema;
    private readonly RegisterDefinition _register;
    private readonly BackgroundWrites _writes;
    private readonly int _rowGroupSize;
    private readonly ConcurrentBag<RowGroupBuffer> _written = [];
    private RowGroupBuffer _current;
    private Task _lastWrite = Task.CompletedTask;
    private FileStream? _stream;
    private ParquetWriter? _writer;
    private bool _closed;

    /// <param name="pathWhenWriting">The file's path, asked for on the first write: the batch id in it may not be known before.</param>
    public PartitionWriter(Func<string> pathWhenWriting, RegisterDefinition register, BackgroundWrites writes, int rowGroupSize)
    {
        _pathWhenWriting = pathWhenWriting;
        var fields = new List<Field>
        {
            new DataField<Guid>(RegisterDefinition.PseudonymColumn),
            new DataField<long>(RegisterDefinition.KeyIdColumn),
        };
        fields.AddRange(register.Columns.Select(ColumnBuffer.FieldOf));
        _schema = new ParquetSchema(fields);
        _register = register;
        _writes = writes;
        _rowGroupSize = rowGroupSize;
        _current = new RowGroupBuffer(register, _schema, rowGroupSize);
    }

    /// <summary>The file written; known once <see cref="CompleteAsync"/> has been awaited through <see cref="BackgroundWrites.CompleteAsync"/>.</summary>
    public string Path { get; private set; } = "";

    public long Rows { get; private set; }

    public async ValueTask AppendAsync(Guid pseudonym, int keyId, FieldValue[] values, CancellationToken cancellationToken)
    {
        _current.Append(pseudonym, keyId, values);
        Rows++;
        if (_current.Count == _rowGroupSize)
        {
            var full = _current;
            _current = _written.TryTake(out var free) ? free : new RowGroupBuffer(_register, _schema, _rowGroupSize);
            _lastWrite = await _writes.EnqueueAsync(_lastWrite, async () =>
            {
                await full.WriteAsync(await WriterAsync(cancellationToken), _schema, cancellationToken);
                full.Clear();
                _written.Add(full);
            }, cancellationToken);
        }
    }

    /// <summary>Queues the last row group and the file's close; the close forces the file to disk before the batch can commit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var last = _current;
        _lastWrite = await _writes.EnqueueAsync(_lastWrite, async () =>
        {
            var writer = await WriterAsync(cancellationToken);
            if (last.Count > 0)
                await last.WriteAsync(writer, _schema, cancellationToken);
            await writer.DisposeAsync();
            _stream!.Flush(flushToDisk: true);
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
            if (_writer is not null)
                await _writer.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The file is abandoned anyway; the next attempt at the batch deletes it.
        }

        if (_stream is not null)
            await _stream.DisposeAsync();
    }

    private async ValueTask<ParquetWriter> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
            return _writer;

        Path = _pathWhenWriting();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _writer = await ParquetWriter.CreateAsync(_schema, _stream, Options, cancellationToken: cancellationToken);
        return _writer;
    }

    private static ParquetOptions Options => new()
    {
        // zstd: about the size of gzip at several times the speed; DuckDB and every Parquet reader read it.
        CompressionMethod = CompressionMethod.Zstd,
        CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
        // zstd already packs the repeated codes and units as small as a dictionary would; building the
        // dictionary cost a fifth of the writing time for no smaller file (bench/README.md).
        DictionaryEncodingThreshold = 0,
    };

    /// <summary>One row group's values, filled on the reading thread and written on a background one.</summary>
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

        public void Clear()
        {
            Count = 0;
            foreach (var column in _columns)
                column.Clear();
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
