using System.Security.Cryptography;
using Lake.Contracts.Files;
using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>
/// Writes the rows of one partition (register, source, year) of one batch into one Parquet file,
/// a row group at a time, so memory stays at a row group or two per open partition whatever the
/// feed size. Full row groups are handed to <see cref="BackgroundWrites"/> and their buffers go
/// back to the batch's <see cref="RowGroupBuffers"/>. The file is created by the first write, once
/// the batch may write, new (<see cref="ContainedFiles.CreateNew"/>), so a link planted as the
/// partition's folder or the file's name is refused rather than written through.
/// </summary>
internal sealed class PartitionWriter : IAsyncDisposable
{
    private readonly string _root;
    private readonly Func<string> _pathWhenWriting;
    private readonly ParquetSchema _schema;
    private readonly ParquetOptions _options;
    private readonly BackgroundWrites _writes;
    private readonly RowGroupBuffers _buffers;
    private RowGroupBuffer _current;
    private Task _lastWrite = Task.CompletedTask;
    private FileStream? _stream;
    private ParquetWriter? _writer;
    private bool _closed;

    /// <param name="root">The lake's root; the file is written only under it.</param>
    /// <param name="pathWhenWriting">The file's path, asked for on the first write: the batch id in it may not be known before.</param>
    /// <param name="buffers">Row-group buffers shared by the batch's partitions.</param>
    public PartitionWriter(string root, Func<string> pathWhenWriting, RegisterDefinition register, BackgroundWrites writes, RowGroupBuffers buffers)
    {
        _root = root;
        _pathWhenWriting = pathWhenWriting;
        var fields = new List<Field>
        {
            new DataField<Guid>(RegisterDefinition.PseudonymColumn),
            new DataField<long>(RegisterDefinition.KeyIdColumn),
        };
        fields.AddRange(register.Columns.Select(ColumnBuffer.FieldOf));
        _schema = new ParquetSchema(fields);
        _options = OptionsFor(register);
        _writes = writes;
        _buffers = buffers;
        _current = buffers.Rent();
    }

    /// <summary>The file written; known once <see cref="CompleteAsync"/> has been awaited through <see cref="BackgroundWrites.CompleteAsync"/>.</summary>
    public string Path { get; private set; } = "";

    public long Rows { get; private set; }

    /// <summary>The completed file's size; set by <see cref="CompleteAsync"/>'s queued close.</summary>
    public long Bytes { get; private set; }

    /// <summary>The completed file's SHA-256 (lowercase hex); set by <see cref="CompleteAsync"/>'s queued close.</summary>
    public string? Sha256 { get; private set; }

    public async ValueTask AppendAsync(Guid pseudonym, int keyId, FieldValue[] values, CancellationToken cancellationToken)
    {
        _current.Append(pseudonym, keyId, values);
        Rows++;
        if (_current.IsFull)
        {
            var full = _current;
            _current = _buffers.Rent();
            _lastWrite = await _writes.EnqueueAsync(_lastWrite, async () =>
            {
                await full.WriteAsync(await WriterAsync(cancellationToken), _schema, cancellationToken);
                _buffers.Return(full);
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
            // Hashed from the file just forced to disk, so the commit record vouches for the bytes
            // stored; every later read compares with it (the file is still in the page cache).
            Bytes = _stream.Length;
            _stream.Position = 0;
            Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(_stream, cancellationToken));
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
        _stream = ContainedFiles.CreateNew(_root, Path, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _writer = await ParquetWriter.CreateAsync(_schema, _stream, _options, cancellationToken: cancellationToken);
        return _writer;
    }

    private static ParquetOptions OptionsFor(RegisterDefinition register)
    {
        var options = new ParquetOptions
        {
            // zstd: about the size of gzip at several times the speed; DuckDB and every Parquet reader read it.
            CompressionMethod = CompressionMethod.Zstd,
            CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
            // A column whose first values are mostly distinct (free text, sample numbers) stays plain
            // without a dictionary being built for the whole row group first.
            DictionaryEncodingSampleSize = 1024,
        };

        // Codes, names and units repeat: zstd packs them as small either way, but DuckDB decodes a
        // dictionary-encoded text column about four times faster than a plain one, and the lake is
        // written once and read by every extraction (bench/README.md, extraction benchmark).
        foreach (var column in register.Columns.Where(c => c.Type == ColumnType.Text))
            options.ColumnEncodingHints[column.Name] = EncodingHint.Dictionary;
        return options;
    }
}
