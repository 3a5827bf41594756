using System.IO.Compression;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Reading;

/// <summary>Opens a feed file with the reader, encoding and decompression its descriptor names.</summary>
internal static class FeedReaders
{
    public static IFeedReader Open(FeedFormat format, string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (format.Compression == "gzip" || (format.Compression == "auto" && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)))
            stream = new GZipStream(stream, CompressionMode.Decompress);

        var text = new StreamReader(stream, format.ResolveEncoding(), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            IFeedReader reader = format.Kind switch
            {
                "delimited" => new DelimitedFeedReader(text, format.DelimiterChar),
                "fixed_width" => new FixedWidthFeedReader(text, format.Fields, format.Header),
                "json_lines" => new JsonLinesFeedReader(text, format.Fields.Select(f => f.Name).ToList()),
                _ => throw new DescriptorException($"format.kind '{format.Kind}' is not known; use delimited, fixed_width or json_lines."),
            };
            return new PrefetchingFeedReader(reader);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }
}
