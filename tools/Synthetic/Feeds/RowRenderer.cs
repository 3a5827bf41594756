using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lake.Synthetic.Feeds;

/// <summary>Turns field values into one record's text in a feed's shape, without the line ending.</summary>
internal sealed class RowRenderer
{
    // Exporters write "ä" as it is, not as \u00e4; both are valid JSON.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FeedLayout _layout;
    private readonly StringBuilder _text = new(256);
    private readonly ArrayBufferWriter<byte> _json = new(512);

    public RowRenderer(FeedLayout layout) => _layout = layout;

    public string Header() => _layout.Shape switch
    {
        FeedShape.FixedWidth => Render(_layout.Fields.Select(f => (string?)f.Name).ToArray()),
        _ => string.Join(_layout.Delimiter, _layout.Fields.Select(f => f.Name)),
    };

    public string Render(string?[] values) => _layout.Shape switch
    {
        FeedShape.Delimited => Delimited(values, values.Length),
        FeedShape.FixedWidth => FixedWidth(values),
        _ => Json(values),
    };

    /// <summary>
    /// A record cut short the way broken transfers cut them: a delimited row after its first few
    /// fields, a fixed-width line before its last field starts, a JSON object in the middle.
    /// </summary>
    public string Truncated(string?[] values, Random random) => _layout.Shape switch
    {
        FeedShape.Delimited => Delimited(values, random.Next(2, values.Length)),
        FeedShape.FixedWidth => FixedWidth(values)[..(_layout.Fields.SkipLast(1).Sum(f => f.Width) - random.Next(1, 6))],
        _ => Cut(Json(values), random),
    };

    private static string Cut(string json, Random random) => json[..(int)(json.Length * random.Uniform(0.2, 0.8))];

    private string Delimited(string?[] values, int count)
    {
        var delimiter = _layout.Delimiter;
        _text.Clear();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                _text.Append(delimiter);
            var value = values[i] ?? "";
            if (value.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) < 0)
            {
                _text.Append(value);
            }
            else
            {
                // RFC 4180: quote the field and double its quotes.
                _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return _text.ToString();
    }

    private string FixedWidth(string?[] values)
    {
        _text.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            var width = _layout.Fields[i].Width;
            var value = values[i] ?? "";
            _text.Append(value.Length > width ? value.AsSpan(0, width) : value).Append(' ', Math.Max(0, width - value.Length));
        }

        return _text.ToString();
    }

    private string Json(string?[] values)
    {
        _json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_json, JsonOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
            {
                var field = _layout.Fields[i];
                writer.WritePropertyName(field.Name);
                if (values[i] is not { } value)
                    writer.WriteNullValue();
                else if (field.JsonNumber)
                    writer.WriteRawValue(value);
                else
                    writer.WriteStringValue(value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }
}
