using Lake.Contracts.Registers;
using Lake.Ingest.Mapping;
using Parquet;
using Parquet.Schema;

namespace Lake.Ingest.Writing;

/// <summary>Values of one column for the row group being filled, in the CLR type Parquet.Net writes.</summary>
internal abstract class ColumnBuffer(int capacity)
{
    protected int Count { get; set; }

    protected int Capacity { get; } = capacity;

    public abstract DataField Field { get; }

    public abstract void Append(in FieldValue value);

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken);

    public void Clear() => Count = 0;

    public static ColumnBuffer For(RegisterColumn column, int capacity) => column.Type switch
    {
        ColumnType.Text => new TextBuffer(column.Name, capacity),
        ColumnType.Integer => new ValueBuffer<long>(new DataField<long?>(column.Name), capacity, v => v.Integer),
        ColumnType.Decimal => new ValueBuffer<double>(new DataField<double?>(column.Name), capacity, v => v.Number),
        ColumnType.Date => new ValueBuffer<DateOnly>(new DataField<DateOnly?>(column.Name), capacity, v => DateOnly.FromDateTime(v.Time)),
        // Local hospital time, not UTC: the feeds carry no zone and researchers expect wall-clock times.
        ColumnType.Timestamp => new ValueBuffer<DateTime>(new DateTimeDataField(column.Name, DateTimeFormat.DateAndTime, isAdjustedToUTC: false, isNullable: true), capacity, v => v.Time),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Pseudonyms have their own buffer."),
    };

    private sealed class ValueBuffer<T>(DataField field, int capacity, Func<FieldValue, T> read) : ColumnBuffer(capacity)
        where T : struct
    {
        private readonly T?[] _values = new T?[capacity];

        public override DataField Field { get; } = field;

        public override void Append(in FieldValue value) => _values[Count++] = value.HasValue ? read(value) : null;

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
            await rowGroup.WriteAsync<T>(Field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);
    }

    private sealed class TextBuffer(string name, int capacity) : ColumnBuffer(capacity)
    {
        private readonly string?[] _values = new string?[capacity];

        public override DataField Field { get; } = new DataField<string>(name);

        public override void Append(in FieldValue value) => _values[Count++] = value.HasValue ? value.Text : null;

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
            await rowGroup.WriteAsync(Field, new ArraySegment<string?>(_values, 0, Count) as IReadOnlyCollection<string>);
    }
}
