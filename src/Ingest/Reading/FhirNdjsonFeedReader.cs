using System.Text;
using System.Text.Json;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Fhir;
using Lake.Ingest.Mapping;

namespace Lake.Ingest.Reading;

/// <summary>
/// FHIR Bulk Data NDJSON: one resource per line, every resource of one type (Patient.ndjson,
/// Condition.ndjson, ...). Its columns are the descriptor's FHIR paths, each evaluated on the
/// parsed resource; a line that is not JSON, or a resource of another type, is a row with a problem.
/// </summary>
/// <remarks>
/// Lines are split and parsed as UTF-8 bytes, as the Bulk Data specification writes them: decoding
/// a line to text only for the JSON parser to encode it again would double the reading work, and a
/// DocumentReference's line can be megabytes of base64.
/// </remarks>
internal sealed class FhirNdjsonFeedReader : IFeedReader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private readonly Stream _stream;
    private readonly string _resource;
    private readonly byte[] _utf8Resource;
    private readonly FhirPath[] _paths;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _line;

    public FhirNdjsonFeedReader(Stream stream, string resource, IReadOnlyList<string> paths)
    {
        _stream = stream;
        _resource = resource;
        _utf8Resource = Encoding.UTF8.GetBytes(resource);
        _paths = paths.Select(FhirPath.Parse).ToArray();
        ColumnNames = paths;
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public char DisplayDelimiter => '|';

    /// <summary>
    /// The paths a descriptor reads, once each, as the reader's columns: the identity, every mapped
    /// column, filter and lookup key, and for Patients the resource id the Patient index is keyed by.
    /// </summary>
    public static IReadOnlyList<string> PathsOf(SourceDescriptor descriptor)
    {
        var paths = new List<string> { descriptor.Identity.Trim() };
        if (descriptor.Format.Resource == FhirResources.Patient)
            paths.Add(FhirResources.IdPath);
        paths.AddRange(descriptor.Columns.Values.Select(m => m.From).OfType<string>().Select(p => p.Trim()));
        paths.AddRange(descriptor.Exclude.Select(f => f.Column.Trim()));
        paths.AddRange(descriptor.Lookups.Select(l => l.Match.Trim()));
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    public bool Read(FeedRecord record)
    {
        ReadOnlyMemory<byte> line;
        do
        {
            if (!TryReadLine(out line))
                return false;
            _line++;
        }
        while (IsBlank(line.Span));

        record.Clear();
        record.Line = _line;
        try
        {
            using var document = JsonDocument.Parse(line, JsonOptions);
            var resource = document.RootElement;
            if (resource.ValueKind != JsonValueKind.Object)
            {
                record.Problem = "the line is JSON but not a FHIR resource (an object)";
                return true;
            }

            if (!resource.TryGetProperty("resourceType"u8, out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals(_utf8Resource))
            {
                record.ProblemReason = RejectionReasons.UnexpectedResourceType;
                record.Problem = type.ValueKind == JsonValueKind.String
                    ? $"the resource is a {Printable(type.GetString()!)}, but this feed holds {_resource} resources"
                    : $"the line has no resourceType; this feed holds {_resource} resources";
                return true;
            }

            foreach (var path in _paths)
            {
                if (!path.TryEvaluate(resource, out var value, out var problem))
                {
                    record.Clear();
                    record.ProblemReason = RejectionReasons.UndecodableValue;
                    record.Problem = $"{path}: {problem}";
                    return true;
                }

                record.Add(value);
            }
        }
        catch (JsonException e)
        {
            record.Clear();
            record.Problem = $"the line is not valid JSON ({e.Message.Split('.')[0]})";
        }

        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The next line without its line break, or false at the end of the stream; a UTF-8 byte order mark before the first line is skipped.</summary>
    private bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Line(_start, newline);
                _start += newline + 1;
                return true;
            }

            if (_endOfStream)
            {
                line = Line(_start, _end - _start);
                var any = _end > _start;
                _start = _end;
                return any;
            }

            Fill();
        }
    }

    private ReadOnlyMemory<byte> Line(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == '\r')
            length--;
        if (_line == 0 && _buffer.AsSpan(start, length).StartsWith("\uFEFF"u8))
            return _buffer.AsMemory(start + 3, length - 3);
        return _buffer.AsMemory(start, length);
    }

    /// <summary>Moves the unread part to the front and reads more behind it, growing the buffer for a line longer than it.</summary>
    private void Fill()
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _endOfStream = true;
        _end += read;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>A resource type named back in a reason, cut short: it comes from the feed.</summary>
    private static string Printable(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
