namespace Lake.Ingest.Reading;

/// <summary>
/// Stands between a feed's text and its reader and cuts a row longer than the limit, so that one
/// broken row (a 200 MB field, a quote never closed) is quarantined on its line and the rows after
/// it are read, instead of the whole feed failing (Sep refuses rows beyond 16 M characters) or
/// memory growing with the row. Text passes through as it is read; a row that reaches the limit
/// gets <see cref="Marker"/> where it is cut, and the rest of it is dropped up to its end. A row
/// ends at a line break outside quotes, as RFC 4180 has it, and the dropped line breaks are
/// written back inside a quoted field, so the rows after it keep their line numbers. For delimited
/// feeds, which Sep reads in blocks; line-based readers read lines and need no guard against Sep.
/// </summary>
internal sealed class OverlongRowGuard(TextReader inner, char delimiter, int maxRowChars = OverlongRowGuard.DefaultMaxRowChars) : TextReader
{
    /// <summary>
    /// Far beyond any real row (a field may hold 32,768 characters, <c>FieldConverter.MaxFieldLength</c>),
    /// and well below Sep's 16,777,216.
    /// </summary>
    public const int DefaultMaxRowChars = 4 * 1024 * 1024;

    /// <summary>The text that stands in for the cut part of a row; no feed holds NUL characters.</summary>
    public const string Marker = "\0lake:overlong-row\0";

    /// <summary>
    /// Closes a quoted field still open at the end of the feed, so the reader sees the cut-off row as
    /// a row of its own and quarantines it instead of storing its truncated value.
    /// </summary>
    public const string UnclosedMarker = "\0lake:unclosed-quote\0";

    private static readonly System.Buffers.SearchValues<char> QuoteOrLineBreak = System.Buffers.SearchValues.Create("\"\n");

    private readonly char[] _input = new char[1 << 16];
    private int _inputLength;
    private int _inputPosition;
    private string _pending = "";
    private int _pendingPosition;
    private long _rowLength;
    private bool _insideQuotes;
    private bool _skipping;
    private int _skippedLineBreaks;
    private int _peeked = -1;

    /// <summary>Whether a field or line holds the marker of a row the guard cut.</summary>
    public static bool IsOverlong(ReadOnlySpan<char> text) => text.Contains(Marker, StringComparison.Ordinal);

    /// <summary>Whether a field holds the marker of a quote the feed never closed.</summary>
    public static bool IsUnclosed(ReadOnlySpan<char> text) => text.EndsWith(UnclosedMarker, StringComparison.Ordinal);

    public static string UnclosedProblem() =>
        "the feed ends inside a quoted field: it was cut off in the middle of this row (resend the whole extract); the row's truncated value was not stored";

    public static string Problem() =>
        $"the row is longer than {DefaultMaxRowChars:N0} characters (a field that never ends, or a quote never closed); it was skipped to its end";

    public override int Read()
    {
        var next = Peek();
        _peeked = -1;
        return next;
    }

    public override int Peek()
    {
        if (_peeked < 0)
        {
            Span<char> one = stackalloc char[1];
            _peeked = ReadCore(one) == 0 ? -1 : one[0];
        }

        return _peeked;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        if (_peeked < 0)
            return ReadCore(buffer);
        buffer[0] = (char)_peeked;
        _peeked = -1;
        return 1 + ReadCore(buffer[1..]);
    }

    private int ReadCore(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingPosition < _pending.Length)
            {
                var n = Math.Min(buffer.Length - written, _pending.Length - _pendingPosition);
                _pending.AsSpan(_pendingPosition, n).CopyTo(buffer[written..]);
                _pendingPosition += n;
                written += n;
                continue;
            }

            if (_inputPosition == _inputLength)
            {
                _inputLength = inner.Read(_input, 0, _input.Length);
                _inputPosition = 0;
                if (_inputLength == 0)
                {
                    if (_skipping)
                        EndCut(finalLineBreak: false);
                    else if (_insideQuotes)
                        CloseUnclosedQuote();
                    if (_pendingPosition < _pending.Length)
                        continue;
                    break;
                }
            }

            written += _skipping ? Skip() : PassThrough(buffer[written..]);
        }

        return written;
    }

    /// <summary>
    /// Copies as much input as fits, following quotes and row ends on the way (vectorised search,
    /// so the common case costs a scan), and stops where a row reaches the limit; the number written.
    /// </summary>
    private int PassThrough(Span<char> buffer)
    {
        var chunk = _input.AsSpan(_inputPosition, Math.Min(_inputLength - _inputPosition, buffer.Length));
        var position = 0;
        var row = _rowLength;
        var insideQuotes = _insideQuotes;
        while (position < chunk.Length)
        {
            var rest = chunk[position..];
            var stop = rest.IndexOfAny(QuoteOrLineBreak);
            var segment = stop < 0 ? rest.Length : stop + 1;
            if (row + segment > maxRowChars)
            {
                // The cut falls before this segment's quote or line break, so the quoting state stands.
                var take = position + (int)(maxRowChars - row);
                chunk[..take].CopyTo(buffer);
                _inputPosition += take;
                _insideQuotes = insideQuotes;
                Cut();
                return take;
            }

            row += segment;
            position += segment;
            if (stop < 0)
                break;
            if (rest[stop] == '"')
                insideQuotes = !insideQuotes;
            else if (!insideQuotes)
                row = 0;
        }

        chunk[..position].CopyTo(buffer);
        _inputPosition += position;
        _rowLength = row;
        _insideQuotes = insideQuotes;
        return position;
    }

    /// <summary>The row reached the limit: the marker, then drop the rest of the row.</summary>
    private void Cut()
    {
        _skipping = true;
        _skippedLineBreaks = 0;
        // Outside quotes the marker starts a quoted field of its own, which carries the line breaks.
        _pending = _insideQuotes ? Marker : delimiter + "\"" + Marker;
        _pendingPosition = 0;
    }

    /// <summary>Drops input up to the end of the cut row; writes nothing itself (the end goes into the pending text).</summary>
    private int Skip()
    {
        while (_inputPosition < _inputLength)
        {
            var c = _input[_inputPosition++];
            if (c == '"')
                _insideQuotes = !_insideQuotes;
            else if (c == '\n')
            {
                if (!_insideQuotes)
                {
                    EndCut(finalLineBreak: true);
                    return 0;
                }

                _skippedLineBreaks++;
            }
        }

        return 0;
    }

    private void CloseUnclosedQuote()
    {
        _pending = UnclosedMarker + "\"";
        _pendingPosition = 0;
        _insideQuotes = false;
    }

    private void EndCut(bool finalLineBreak)
    {
        var breaks = new string('\n', _skippedLineBreaks);
        _pending = breaks + "\"" + (finalLineBreak ? "\n" : "");
        _pendingPosition = 0;
        _skipping = false;
        _insideQuotes = false;
        _rowLength = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
