using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>
/// Writes the rows of one partition (register, source, year) of one batch into one Parquet file,
/// a row group at a time, so memory stays at one row group per open partition whatever the feed size.
/// </summary>
internal sealed class PartitionWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField _pseudonymField;
    private readonly DataField _keyIdField;
    private readonly Guid[] _pseudonyms;
    private readonly long[] _keyIds;
    private readonly ColumnBuffer[] _columns;
    private readonly int _rowGroupSize;
    private int _buffered;
    private bool _closed;

    private PartitionWriter(string path, FileStream stream, ParquetWriter writer, ParquetSchema schema, ColumnBuffer[] columns, int rowGroupSize)
    {
        Path = path;
        _stream = stream;
        _writer = writer;
        _pseudonymField = schema.DataFields[0];
        _keyIdField = schema.DataFields[1];
        _columns = columns;
        _rowGroupSize = rowGroupSize;
        _pseudonyms = new Guid[rowGroupSize];
        _keyIds = new long[rowGroupSize];
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public static async Task<PartitionWriter> CreateAsync(string path, RegisterDefinition register, int rowGroupSize, CancellationToken cancellationToken)
    {
        var columns = register.Columns.Select(c => ColumnBuffer.For(c, rowGroupSize)).ToArray();
        var fields = new List<Field>
        {
            new DataField<Guid>(RegisterDefinition.PseudonymColumn),
            new DataField<long>(RegisterDefinition.KeyIdColumn),
        };
        fields.AddRange(columns.Select(c => c.Field));
        var schema = new ParquetSchema(fields);

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        // zstd: about the size of gzip at several times the speed; DuckDB and every Parquet reader read it.
        var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest }, cancellationToken: cancellationToken);
        return new PartitionWriter(path, stream, writer, schema, columns, rowGroupSize);
    }

    public async ValueTask AppendAsync(Guid pseudonym, int keyId, FieldValue[] values, CancellationToken cancellationToken)
    {
        _pseudonyms[_buffered] = pseudonym;
        _keyIds[_buffered] = keyId;
        for (var i = 0; i < _columns.Length; i++)
            _columns[i].Append(values[i]);
        _buffered++;
        Rows++;
        if (_buffered == _rowGroupSize)
            await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what is buffered, closes the file and forces it to disk before the batch can commit.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await _writer.DisposeAsync();
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        _closed = true;
    }

    /// <summary>Closes a file that was not completed; the batch does not commit, so the file is never read.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
            return;
        _closed = true;
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
            return;

        using (var rowGroup = _writer.CreateRowGroup())
        {
            await rowGroup.WriteAsync<Guid>(_pseudonymField, _pseudonyms.AsMemory(0, _buffered), cancellationToken: cancellationToken);
            await rowGroup.WriteAsync<long>(_keyIdField, _keyIds.AsMemory(0, _buffered), cancellationToken: cancellationToken);
            foreach (var column in _columns)
            {
                await column.WriteAsync(rowGroup, cancellationToken);
                column.Clear();
            }
        }

        _buffered = 0;
    }
}
