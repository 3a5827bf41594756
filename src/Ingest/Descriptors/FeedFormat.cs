using System.Text;

namespace Lake.Ingest.Descriptors;

/// <summary>The physical shape of a feed: kind, delimiter, encoding, compression.</summary>
public sealed class FeedFormat
{
    /// <summary>delimited (any delimiter, RFC 4180 quoting), fixed_width, json_lines or fhir_ndjson (FHIR Bulk Data, docs/fhir-bulk.md).</summary>
    public string Kind { get; set; } = "delimited";

    /// <summary>For fhir_ndjson: the resource type the file holds (Patient, Condition, ...); a resource of another type is quarantined.</summary>
    public string? Resource { get; set; }

    public string Delimiter { get; set; } = ",";

    /// <summary>Fixed-width field positions, or the JSON keys to read (optional for JSON Lines).</summary>
    public List<FixedWidthField> Fields { get; set; } = [];

    /// <summary>Values that mean "no value" in this feed, e.g. a publisher's redaction mark ___ or NULL.</summary>
    public List<string> NullValues { get; set; } = [];

    /// <summary>auto (gzip when the file name ends in .gz), gzip or none.</summary>
    public string Compression { get; set; } = "auto";

    public bool Header { get; set; } = true;

    /// <summary>utf-8, iso-8859-1 (latin-1) or windows-1252.</summary>
    public string Encoding { get; set; } = "utf-8";

    /// <summary>
    /// Bytes that are not text in <see cref="Encoding"/>: quarantine_row (the default) or
    /// reject_feed (<see cref="InvalidBytesModes"/>). Only UTF-8 has such bytes; in the other two
    /// encodings every byte is a character.
    /// </summary>
    public string InvalidBytes { get; set; } = InvalidBytesModes.QuarantineRow;

    public char DelimiterChar => Delimiter switch
    {
        "\\t" or "tab" => '\t',
        { Length: 1 } d => d[0],
        _ => throw new DescriptorException($"format.delimiter must be one character or 'tab', not '{Delimiter}'."),
    };

    public Encoding ResolveEncoding() => Encoding.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
        "iso-8859-1" or "latin-1" or "latin1" => System.Text.Encoding.Latin1,
        // Windows-1252 differs from Latin-1 in 0x80-0x9F (€, typographic quotes); .NET ships the
        // code page but registers it only on request.
        "windows-1252" or "cp1252" => WindowsCodePage(1252),
        _ => throw new DescriptorException($"format.encoding '{Encoding}' is not supported; use utf-8, iso-8859-1 or windows-1252."),
    };

    private static Encoding WindowsCodePage(int codePage)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(codePage);
    }
}
