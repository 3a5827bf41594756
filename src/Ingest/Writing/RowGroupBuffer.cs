using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>One row group's values, filled on the reading thread and written on a background one, into any partition file of its register.</summary>
internal sealed class RowGroupBuffer(RegisterDefinition register, int capacity)
{
    private readonly Guid[] _pseudonyms = new Guid[capacity];
    private readonly long[] _keyIds = new long[capacity];
    private readonly ColumnBuffer[] _columns = register.Columns.Select(c => ColumnBuffer.For(c, capacity)).ToArray();

    public int Count { get; private set; }

    public bool IsFull => Count == _pseudonyms.Length;

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

    /// <summary>Writes the rows as one row group of a file with <paramref name="schema"/>: pseudonym, key id, then the register's columns.</summary>
    public async Task WriteAsync(ParquetWriter writer, ParquetSchema schema, CancellationToken cancellationToken)
    {
        using var rowGroup = writer.CreateRowGroup();
        await rowGroup.WriteAsync<Guid>(schema.DataFields[0], _pseudonyms.AsMemory(0, Count), cancellationToken: cancellationToken);
        await rowGroup.WriteAsync<long>(schema.DataFields[1], _keyIds.AsMemory(0, Count), cancellationToken: cancellationToken);
        for (var i = 0; i < _columns.Length; i++)
            await _columns[i].WriteAsync(rowGroup, schema.DataFields[i + 2], cancellationToken);
    }
}
