using Apache.Arrow;
using Apache.Arrow.Types;

namespace Lake.Extract.Delivery;

/// <summary>
/// One column of the record batch being gathered for an Arrow delivery file, copied value by value
/// from DuckDB's chunks. A null's slot is written as zeros: DuckDB promises nothing about what it
/// holds there, and the file must be the same bytes every time the same rows are written, or a
/// replay would not reproduce it.
/// </summary>
/// <remarks>
/// DuckDB's lossless Arrow conversion (see <see cref="Querying.LakeQuerySession"/>) tags a UUID
/// <c>arrow.uuid</c>, which is kept, and a BOOLEAN <c>arrow.bool8</c> (a byte per value), which is
/// written as Arrow's own bool: that is what a Parquet BOOLEAN reads as in pyarrow and R, and what
/// readers without the extension understand. Any other extension type is refused, not passed on.
/// A time stamp adjusted to UTC is declared in zone UTC: Parquet records no zone, and DuckDB would
/// name the zone of the worker that wrote the file, so a replay elsewhere would differ. Arrow keeps
/// such time stamps as UTC instants whatever the zone says, so the values are unchanged.
/// </remarks>
internal sealed class ArrowColumnBuffer
{
    private const string ExtensionName = "ARROW:extension:name";

    private readonly Layout _layout;
    private readonly byte[] _zeros;
    private ArrowBuffer.BitmapBuilder _validity = new();
    private ArrowBuffer.BitmapBuilder _bits = new();
    private ArrowBuffer.Builder<byte> _values = new();
    private ArrowBuffer.Builder<int> _offsets = new();
    private int _length;
    private int _nulls;

    /// <exception cref="NotSupportedException">The column's type is nested, dictionary-encoded, a view or another extension; delivered columns are none of these.</exception>
    public ArrowColumnBuffer(Field field)
    {
        var extension = field.Metadata?.GetValueOrDefault(ExtensionName);
        Field = (extension, field.DataType) switch
        {
            ("arrow.bool8", Int8Type) => new Field(field.Name, BooleanType.Default, field.IsNullable),
            (null, TimestampType { Timezone: not null } instant) => new Field(field.Name, new TimestampType(instant.Unit, "UTC"), field.IsNullable),
            (null or "arrow.uuid", _) => field,
            _ => throw new NotSupportedException($"Column '{field.Name}' has Arrow extension type {extension}, which the Arrow delivery file does not write."),
        };
        (_layout, var width) = Field.DataType switch
        {
            BooleanType => (Layout.Bits, 0),
            StringType or BinaryType => (Layout.Variable, 0),
            FixedWidthType fixedWidth when fixedWidth.BitWidth % 8 == 0 => (Layout.Fixed, fixedWidth.BitWidth / 8),
            _ => throw new NotSupportedException($"Column '{field.Name}' has Arrow type {field.DataType.Name}, which the Arrow delivery file does not write."),
        };
        _zeros = new byte[width];
        _offsets.Append(0);
    }

    /// <summary>The column as the file declares it.</summary>
    public Field Field { get; }

    public int Length => _length;

    /// <summary>Adds rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of a chunk's column.</summary>
    public void Append(IArrowArray array, int start, int count)
    {
        var width = _zeros.Length;
        var data = array.Data;
        for (var row = start; row < start + count; row++)
        {
            var valid = array.IsValid(row);
            _validity.Append(valid);
            if (!valid)
                _nulls++;
            switch (_layout)
            {
                case Layout.Fixed:
                    _values.Append(valid ? data.Buffers[1].Span.Slice((data.Offset + row) * width, width) : _zeros);
                    break;
                case Layout.Bits:
                    _bits.Append(valid && (array is Int8Array bytes ? bytes.GetValue(row) != 0 : ((BooleanArray)array).GetValue(row) == true));
                    break;
                default:
                    if (valid)
                        _values.Append(((BinaryArray)array).GetBytes(row));
                    _offsets.Append(_values.Length);
                    break;
            }
        }

        _length += count;
    }

    /// <summary>The rows gathered so far as one array; the buffer starts empty again.</summary>
    public IArrowArray Build()
    {
        var validity = _nulls == 0 ? ArrowBuffer.Empty : _validity.Build();
        ArrowBuffer[] buffers = _layout switch
        {
            Layout.Fixed => [validity, _values.Build()],
            Layout.Bits => [validity, _bits.Build()],
            _ => [validity, _offsets.Build(), _values.Build()],
        };
        var array = ArrowArrayFactory.BuildArray(new ArrayData(Field.DataType, _length, _nulls, 0, buffers));
        _validity = new();
        _bits = new();
        _values = new();
        _offsets = new();
        _offsets.Append(0);
        _length = 0;
        _nulls = 0;
        return array;
    }

    /// <summary>How a type lays out its values: fixed-width bytes, packed bits, or offsets into bytes.</summary>
    private enum Layout
    {
        Fixed,
        Bits,
        Variable,
    }
}
