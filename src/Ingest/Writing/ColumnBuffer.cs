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

    public abstract void Append(in FieldValue value);

    /// <summary>Writes the values as <paramref name="field"/> of the row group's file; a buffer serves any file of its register.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken cancellationToken);

    public void Clear() => Count = 0;

    /// <summary>The Parquet field of a register column; one instance per file schema, shared by its buffers.</summary>
    public static DataField FieldOf(RegisterColumn column) => column.Type switch
    {
        ColumnType.Text => new DataField<string>(column.Name),
        ColumnType.Integer => new DataField<int?>(column.Name),
        ColumnType.BigInt => new DataField<long?>(column.Name),
        ColumnType.Double => new DataField<double?>(column.Name),
        ColumnType.Date => new DataField<DateOnly?>(column.Name),
        // Local hospital time, not UTC: the feeds carry no zone and researchers expect wall-clock times.
        ColumnType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.DateAndTime, isAdjustedToUTC: false, isNullable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Pseudonyms have their own buffer."),
    };

    public static ColumnBuffer For(RegisterColumn column, int capacity) => column.Type switch
    {
        ColumnType.Text => new TextBuffer(capacity),
        ColumnType.Integer => new ValueBuffer<int, SmallIntegerOf>(capacity),
        ColumnType.BigInt => new ValueBuffer<long, IntegerOf>(capacity),
        ColumnType.Double => new ValueBuffer<double, NumberOf>(capacity),
        ColumnType.Date => new ValueBuffer<DateOnly, DateOf>(capacity),
        ColumnType.Timestamp => new ValueBuffer<DateTime, TimeOf>(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Pseudonyms have their own buffer."),
    };

    /// <summary>Reads one CLR type out of a field value; a struct, so each buffer's append compiles to a plain field read, not a delegate call per value.</summary>
    private interface IValueOf<T>
    {
        static abstract T Of(in FieldValue value);
    }

    private sealed class ValueBuffer<T, TOf>(int capacity) : ColumnBuffer(capacity)
        where T : struct
        where TOf : struct, IValueOf<T>
    {
        private readonly T?[] _values = new T?[capacity];

        public override void Append(in FieldValue value) => _values[Count++] = value.HasValue ? TOf.Of(value) : null;

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken cancellationToken) =>
            await rowGroup.WriteAsync<T>(field, _values.AsMemory(0, Count), cancellationToken: cancellationToken);
    }

    private sealed class TextBuffer(int capacity) : ColumnBuffer(capacity)
    {
        private readonly string?[] _values = new string?[capacity];

        public override void Append(in FieldValue value) => _values[Count++] = value.HasValue ? value.Text : null;

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken cancellationToken) =>
            await rowGroup.WriteAsync(field, new ArraySegment<string?>(_values, 0, Count) as IReadOnlyCollection<string>);
    }

    private readonly struct IntegerOf : IValueOf<long>
    {
        public static long Of(in FieldValue value) => value.Integer;
    }

    private readonly struct SmallIntegerOf : IValueOf<int>
    {
        // The converter parsed the value as a 32-bit integer (see FieldConverter).
        public static int Of(in FieldValue value) => (int)value.Integer;
    }

    private readonly struct NumberOf : IValueOf<double>
    {
        public static double Of(in FieldValue value) => value.Number;
    }

    private readonly struct DateOf : IValueOf<DateOnly>
    {
        public static DateOnly Of(in FieldValue value) => DateOnly.FromDateTime(value.Time);
    }

    private readonly struct TimeOf : IValueOf<DateTime>
    {
        public static DateTime Of(in FieldValue value) => value.Time;
    }
}
