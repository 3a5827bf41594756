using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Reading;
using Lake.Pseudonymization;
using nietras.SeparatedValues;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Profiles a feed Lake has never seen, the way OHDSI WhiteRabbit scans a source before anyone
/// writes a mapping: encoding, delimiter or JSON Lines, header, and per column the type, formats,
/// empties, distinct and frequent values and whether it holds identity codes. Only the first
/// rows are read (<see cref="FeedScanOptions.MaxRows"/>), so a feed of any size scans quickly in
/// bounded memory.
/// </summary>
public static class FeedScanner
{
    /// <summary>Lines the delimiter is guessed from.</summary>
    private const int ShapeLines = 50;

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = "," };

    public static FeedProfile Scan(string path, FeedScanOptions? options = null)
    {
        options ??= new FeedScanOptions();
        if (!File.Exists(path))
            throw new FeedException($"Feed '{path}' does not exist.");

        var gzip = IsGzip(path);
        var reasons = new List<string>();
        if (gzip)
            reasons.Add("compression gzip: the file starts with the gzip signature");

        string encodingName;
        if (options.Encoding is { } givenEncoding)
        {
            encodingName = givenEncoding;
            reasons.Add($"encoding {givenEncoding}: given");
        }
        else
        {
            using var raw = Open(path, gzip);
            (encodingName, var reason) = EncodingSniffer.Sniff(raw, options.MaxRows + 1);
            reasons.Add(reason);
        }

        var encoding = new FeedFormat { Encoding = encodingName }.ResolveEncoding();
        var firstLines = FirstLines(path, gzip, encoding);
        if (firstLines.Count == 0)
            throw new FeedException($"Feed '{path}' is empty: not even a header row.");

        var shape = new Shape(Path.GetFileName(path), encodingName, gzip ? "gzip" : "none", reasons, options);
        if (options.Delimiter is null && IsJsonObject(firstLines[0]))
        {
            reasons.Add("format json_lines: the first line is a JSON object");
            using var text = OpenText(path, gzip, encoding);
            return ScanJsonLines(text, shape);
        }

        char delimiter;
        if (options.Delimiter is { } givenDelimiter)
        {
            delimiter = new FeedFormat { Delimiter = givenDelimiter }.DelimiterChar;
            reasons.Add($"delimiter {DelimiterSniffer.Name(delimiter)}: given");
        }
        else
        {
            var (guessed, consistent, reason) = DelimiterSniffer.Sniff(firstLines);
            // Lines of one length, padded with blanks and with an identity code in one place are
            // fixed-width even when a comma in their text would split them all alike.
            if (FixedWidthSniffer.Sniff(firstLines) is { FixedWidth: true } fixedWidth && (!consistent || (fixedWidth.Padded && fixedWidth.IdentityStart is not null)))
            {
                reasons.Add(fixedWidth.Reason);
                using var text = OpenText(path, gzip, encoding);
                return ScanFixedWidth(text, fixedWidth.IdentityStart, fixedWidth.Header, shape);
            }

            delimiter = guessed ?? ',';
            reasons.Add(reason);
        }

        using (var text = OpenText(path, gzip, encoding))
            return ScanDelimited(text, delimiter, shape);
    }

    private static FeedProfile ScanDelimited(TextReader text, char delimiter, Shape shape)
    {
        using var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        if (!reader.MoveNext())
            throw new FeedException($"Feed '{shape.FeedName}' is empty: not even a header row.");

        var first = Enumerable.Range(0, reader.Current.ColCount).Select(i => reader.Current[i].ToString().Trim()).ToList();
        var header = LooksLikeHeader(first);
        shape.Reasons.Add(header
            ? "header: the first row is distinct names, none a number, date or identity code"
            : "header: none; the first row holds data (Lake needs a header row in delimited feeds)");
        var names = header ? first : first.Select((_, i) => $"column{i + 1}").ToList();
        var columns = names.Select(n => new ColumnProfiler(n, shape.Options.MaxDistinct)).ToArray();

        long rows = 0, wrongFieldCount = 0;
        var truncated = false;
        var pending = !header;
        while (pending || reader.MoveNext())
        {
            pending = false;
            if (rows == shape.Options.MaxRows)
            {
                truncated = true;
                break;
            }

            rows++;
            var row = reader.Current;
            if (row.ColCount != columns.Length)
            {
                // A row split differently than the header is a broken row, not evidence about the columns.
                wrongFieldCount++;
                continue;
            }

            for (var i = 0; i < columns.Length; i++)
                columns[i].Add(row[i].Span);
        }

        return shape.Complete("delimited", delimiter, header, columns, rows, truncated, wrongFieldCount, []);
    }

    private static FeedProfile ScanJsonLines(TextReader text, Shape shape)
    {
        using var reader = new JsonLinesFeedReader(text, null);
        var columns = reader.ColumnNames.Select(n => new ColumnProfiler(n, shape.Options.MaxDistinct)).ToArray();
        var (rows, truncated, broken) = Profile(reader, columns, shape);
        return shape.Complete("json_lines", null, true, columns, rows, truncated, broken, []);
    }

    /// <summary>Only the identity code's field can be placed without the record layout; it is the one profiled.</summary>
    private static FeedProfile ScanFixedWidth(TextReader text, int? identityStart, bool header, Shape shape)
    {
        List<FixedWidthField> fields = identityStart is { } start ? [new FixedWidthField { Name = "HETU", Start = start + 1, Length = 11 }] : [];
        if (fields.Count == 0)
            return shape.Complete("fixed_width", null, header, [], 0, false, 0, fields);

        using var reader = new FixedWidthFeedReader(text, fields, header);
        ColumnProfiler[] columns = [new ColumnProfiler(fields[0].Name, shape.Options.MaxDistinct)];
        var (rows, truncated, broken) = Profile(reader, columns, shape);
        return shape.Complete("fixed_width", null, header, columns, rows, truncated, broken, fields);
    }

    /// <summary>Feeds up to the sample limit of rows to the column profilers; rows the reader cannot split are counted as broken.</summary>
    private static (long Rows, bool Truncated, long Broken) Profile(IFeedReader reader, ColumnProfiler[] columns, Shape shape)
    {
        var record = new FeedRecord();
        long rows = 0, broken = 0;
        while (reader.Read(record))
        {
            if (rows == shape.Options.MaxRows)
                return (rows, true, broken);

            rows++;
            if (record.Problem is not null)
            {
                broken++;
                continue;
            }

            for (var i = 0; i < columns.Length; i++)
                columns[i].Add(record[i]);
        }

        return (rows, false, broken);
    }

    /// <summary>Names, not data: every field non-empty and distinct, none a number, date or identity code.</summary>
    private static bool LooksLikeHeader(IReadOnlyList<string> fields)
    {
        if (fields.Any(f => f.Length == 0) || fields.Distinct(StringComparer.Ordinal).Count() != fields.Count)
            return false;
        return !fields.Any(f =>
            double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || double.TryParse(f, NumberStyles.Float, DecimalComma, out _)
            || TemporalFormats.Candidates.Any(format => DateTime.TryParseExact(f, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            || IdentityCodeText.Contains(f));
    }

    private static bool IsJsonObject(string line)
    {
        if (!line.TrimStart().StartsWith('{'))
            return false;
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<string> FirstLines(string path, bool gzip, Encoding encoding)
    {
        using var text = OpenText(path, gzip, encoding);
        var lines = new List<string>();
        while (lines.Count < ShapeLines && text.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
                lines.Add(line);
        }

        return lines;
    }

    private static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static Stream Open(string path, bool gzip)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static StreamReader OpenText(string path, bool gzip, Encoding encoding) =>
        new(Open(path, gzip), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>What is known of the feed before its rows are read.</summary>
    private sealed record Shape(string FeedName, string Encoding, string Compression, List<string> Reasons, FeedScanOptions Options)
    {
        public FeedProfile Complete(string kind, char? delimiter, bool header, ColumnProfiler[] columns, long rows, bool truncated, long wrongFieldCount, IReadOnlyList<FixedWidthField> fields)
        {
            var profiles = columns.Select(c => c.Complete(Options.TopValues)).ToList();
            var identity = profiles.Where(c => c.IdentityCodeShare >= 0.5).MaxBy(c => c.IdentityCodeShare);
            return new FeedProfile
            {
                FeedName = FeedName,
                Kind = kind,
                Delimiter = delimiter is { } d ? DelimiterSniffer.Name(d) : null,
                Encoding = Encoding,
                Compression = Compression,
                Header = header,
                Fields = fields,
                Reasons = Reasons,
                RowsSampled = rows,
                Truncated = truncated,
                RowsWithWrongFieldCount = wrongFieldCount,
                Columns = profiles,
                IdentityColumn = identity?.Name,
            };
        }
    }
}
