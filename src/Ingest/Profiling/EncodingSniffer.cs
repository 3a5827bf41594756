namespace Lake.Ingest.Profiling;

/// <summary>
/// Guesses a feed's encoding from its bytes: a byte order mark decides; otherwise text that is
/// valid UTF-8 is UTF-8 (other encodings almost never happen to be), and text that is not is
/// Windows-1252 when it has bytes 0x80-0x9F of its own (€ and typographic quotes there; control
/// codes in Latin-1, which no export means), else Latin-1. Bytes that belong to well-formed UTF-8
/// sequences in an otherwise single-byte feed are a mixed encoding, reported as such: they are
/// not evidence for Windows-1252.
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

        var counts = new ByteCounts();
        long lines = 0;
        while (true)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            end += read;
            var span = buffer.AsSpan(0, end);
            // Lines are inspected whole: a multi-byte character never spans a line break.
            var complete = read == 0 ? span : span[..(span.LastIndexOf((byte)'\n') + 1)];
            counts.Add(complete);
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

        if (counts.SingleByte == 0)
        {
            return counts.Utf8Sequences > 0
                ? ("utf-8", "encoding utf-8: every sampled line is valid UTF-8")
                : ("utf-8", "encoding utf-8: the sampled lines are plain ASCII, which UTF-8 reads as it is");
        }

        var mixed = counts.Utf8Sequences == 0 ? "" :
            $"; but {counts.Utf8Sequences:N0} characters are UTF-8 byte sequences (e.g. Ä as the bytes C3 84): the feed mixes encodings, and those rows will read garbled until the source fixes them";
        return counts.C1 > 0
            ? ("windows-1252", $"encoding windows-1252: not UTF-8, and bytes 0x80-0x9F occur (€ and typographic quotes in Windows-1252, unused control codes in Latin-1){mixed}")
            : ("iso-8859-1", $"encoding iso-8859-1: not UTF-8, and no bytes 0x80-0x9F, so Latin-1 (Windows-1252 would read the same){mixed}");
    }

    /// <summary>High bytes sorted by what they can be: parts of UTF-8 sequences, or single-byte characters (0x80-0x9F among them).</summary>
    private sealed class ByteCounts
    {
        public long Utf8Sequences { get; private set; }

        public long SingleByte { get; private set; }

        public long C1 { get; private set; }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                if (b < 0x80)
                    continue;

                var length = SequenceLength(bytes[i..]);
                if (length > 0)
                {
                    Utf8Sequences++;
                    i += length - 1;
                    continue;
                }

                SingleByte++;
                if (b <= 0x9F)
                    C1++;
            }
        }

        /// <summary>Length of the well-formed UTF-8 sequence starting the span, or 0 when it does not start one.</summary>
        private static int SequenceLength(ReadOnlySpan<byte> bytes)
        {
            var length = bytes[0] switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 0,
            };
            if (length == 0 || bytes.Length < length)
                return 0;
            for (var i = 1; i < length; i++)
            {
                if (bytes[i] is < 0x80 or > 0xBF)
                    return 0;
            }

            // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF are not UTF-8.
            return (bytes[0], bytes[1]) switch
            {
                (0xE0, < 0xA0) or (0xED, > 0x9F) or (0xF0, < 0x90) or (0xF4, > 0x8F) => 0,
                _ => length,
            };
        }
    }
}
