using System.IO.Compression;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Reading;

/// <summary>Opens a feed file with the reader, encoding, decompression and treatment of invalid bytes its descriptor names.</summary>
internal static class FeedReaders
{
    public static IFeedReader Open(SourceDescriptor descriptor, string path)
    {
        var format = descriptor.Format;
        if (format.Kind == "fhir_ndjson")
            return new PrefetchingFeedReader(OpenFhir(descriptor, path, FhirNdjsonFeedReader.PathsOf(descriptor)));

        TextReader text = new StreamReader(OpenBytes(format, path), format.ResolveEncoding(), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        // Sep refuses rows beyond 16 M characters and stops the whole feed; the guard cuts such a row first.
        if (format.Kind == "delimited")
            text = new OverlongRowGuard(text, format.DelimiterChar);
        try
        {
            IFeedReader reader = format.Kind switch
            {
                "delimited" => new DelimitedFeedReader(text, format.DelimiterChar),
                "fixed_width" => new FixedWidthFeedReader(text, format.Fields, format.Header),
                "json_lines" => new JsonLinesFeedReader(text, format.Fields.Select(f => f.Name).ToList()),
                _ => throw new DescriptorException($"format.kind '{format.Kind}' is not known; use delimited, fixed_width, json_lines or fhir_ndjson."),
            };
            return new PrefetchingFeedReader(reader);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>A FHIR NDJSON feed read for the given paths only, on the caller's thread.</summary>
    public static FhirNdjsonFeedReader OpenFhir(SourceDescriptor descriptor, string path, IReadOnlyList<string> paths)
    {
        var stream = OpenBytes(descriptor.Format, path);
        try
        {
            return new FhirNdjsonFeedReader(stream, descriptor.Format.Resource ?? "", paths);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static Stream OpenBytes(FeedFormat format, string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var gzip = format.Compression == "gzip" || (format.Compression == "auto" && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
        if (gzip)
            stream = new GZipStream(stream, CompressionMode.Decompress);
        // Otherwise the decoder puts U+FFFD in the bytes' place and the row is quarantined (FeedRowPipeline).
        if (format.InvalidBytes == InvalidBytesModes.RejectFeed)
            stream = new InvalidBytesGuard(stream, format.ResolveEncoding(), path, decompressed: gzip);
        return stream;
    }
}
