using System.Text.Unicode;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Guesses a feed's encoding from its bytes: a byte order mark decides; otherwise text that is
/// valid UTF-8 is UTF-8 (other encodings almost never happen to be), and text that is not is
/// Windows-1252 when it has bytes 0x80-0x9F (€ and typographic quotes there; control codes in
/// Latin-1, which no export means), else Latin-1.
/// </summary>
internal static class EncodingSniffer
{
    public static (string Encoding, string Reason) Sniff(Stream stream, int maxLines)
    {
        var buffer = new byte[1 << 16];
        var end = stream.ReadAtLeast(buffer.AsSpan(0, 3), 3, throwOnEndOfStream: false);
        if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            return ("utf-8", "encoding utf-8: the feed starts with a UTF-8 byte order mark");
        if (end >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)))
            throw new FeedException("The feed is UTF-16 (it starts with a UTF-16 byte order mark); Lake reads UTF-8, ISO-8859-1 and Windows-1252, so convert it first.");

        bool invalid = false, high = false, c1 = false;
        long lines = 0;
        while (true)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            end += read;
            var span = buffer.AsSpan(0, end);
            var lastNewline = span.LastIndexOf((byte)'\n');
            // Lines are checked whole: a multi-byte character never spans a line break.
            var complete = read == 0 ? span : span[..(lastNewline + 1)];
            invalid |= !Utf8.IsValid(complete);
            high |= complete.ContainsAnyInRange((byte)0x80, (byte)0xFF);
            c1 |= complete.ContainsAnyInRange((byte)0x80, (byte)0x9F);
            lines += complete.Count((byte)'\n');
            if (read == 0 || lines > maxLines)
                break;

            var rest = end - complete.Length;
            if (rest == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            else
                buffer.AsSpan(complete.Length, rest).CopyTo(buffer);
            end = rest;
        }

        if (!invalid)
        {
            return high
                ? ("utf-8", "encoding utf-8: every sampled line is valid UTF-8")
                : ("utf-8", "encoding utf-8: the sampled lines are plain ASCII, which UTF-8 reads as it is");
        }

        return c1
            ? ("windows-1252", "encoding windows-1252: not UTF-8, and bytes 0x80-0x9F occur (€ and typographic quotes in Windows-1252, unused control codes in Latin-1)")
            : ("iso-8859-1", "encoding iso-8859-1: not UTF-8, and no bytes 0x80-0x9F, so Latin-1 (Windows-1252 would read the same)");
    }
}
