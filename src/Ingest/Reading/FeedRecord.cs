namespace Lake.Ingest.Reading;

/// <summary>
/// One row of a feed as fields of text, whatever the feed's format. Readers copy field text into a
/// buffer reused for every row, so reading allocates nothing per row on the delimited hot path.
/// </summary>
internal sealed class FeedRecord
{
    // Small to start with: a prefetched block holds thousands of records; a long row grows its own.
    private char[] _chars = new char[256];
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private int _used;

    /// <summary>Physical line in the feed where the row starts (1-based; the header is line 1).</summary>
    public long Line { get; set; }

    public int Count { get; private set; }

    /// <summary>Set by a reader when the row could not be split into fields at all (e.g. broken JSON).</summary>
    public string? Problem { get; set; }

    /// <summary>The quarantine reason of <see cref="Problem"/> when it is not a row that could not be read (e.g. a FHIR resource of another type).</summary>
    public string? ProblemReason { get; set; }

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_starts[index], _lengths[index]);

    /// <summary>The first field holding <paramref name="c"/>, or -1: one vectorised scan over the row's characters.</summary>
    public int FieldContaining(char c)
    {
        var at = _chars.AsSpan(0, _used).IndexOf(c);
        if (at < 0)
            return -1;
        for (var i = 0; i < Count; i++)
        {
            if (at >= _starts[i] && at < _starts[i] + _lengths[i])
                return i;
        }

        return -1; // In text a field replaced, not in any field of the row now.
    }

    public void Clear()
    {
        Count = 0;
        _used = 0;
        Problem = null;
        ProblemReason = null;
    }

    public void Add(ReadOnlySpan<char> field)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        if (_used + field.Length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + field.Length));

        field.CopyTo(_chars.AsSpan(_used));
        _starts[Count] = _used;
        _lengths[Count] = field.Length;
        _used += field.Length;
        Count++;
    }

    /// <summary>Replaces one field's text, e.g. a local patient number by the identity code it stands for.</summary>
    public void Replace(int index, ReadOnlySpan<char> field)
    {
        if (_used + field.Length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + field.Length));
        field.CopyTo(_chars.AsSpan(_used));
        _starts[index] = _used;
        _lengths[index] = field.Length;
        _used += field.Length;
    }

    /// <summary>Exchanges contents, buffers included, with another record.</summary>
    public void SwapWith(FeedRecord other)
    {
        (_chars, other._chars) = (other._chars, _chars);
        (_starts, other._starts) = (other._starts, _starts);
        (_lengths, other._lengths) = (other._lengths, _lengths);
        (_used, other._used) = (other._used, _used);
        (Count, other.Count) = (other.Count, Count);
        (Line, other.Line) = (other.Line, Line);
        (Problem, other.Problem) = (other.Problem, Problem);
        (ProblemReason, other.ProblemReason) = (other.ProblemReason, ProblemReason);
    }

    public string Join(char delimiter, int hiddenIndex, string hiddenText)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            if (i > 0)
                builder.Append(delimiter);
            if (i == hiddenIndex)
                builder.Append(hiddenText);
            else
                builder.Append(this[i]);
        }

        return builder.ToString();
    }
}
