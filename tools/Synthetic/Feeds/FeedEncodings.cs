using System.Text;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// The encodings feeds are written in. The single-byte ones throw on a character they cannot hold,
/// so a stray "–" in a Latin-1 feed fails the generator's tests instead of becoming a silent "?".
/// </summary>
internal static class FeedEncodings
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 with a byte order mark, as Windows tools write it.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>Windows-1252: Latin-1 plus €, typographic dashes and quotes in 0x80-0x9F.</summary>
    public static readonly Encoding Windows1252 =
        CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");
}
