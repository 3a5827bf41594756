using nietras.SeparatedValues;

namespace Lake.Ingest.Reading;

/// <summary>
/// Delimited text with RFC 4180 quoting, read by Sep; a row's field count is checked by the caller.
/// Blank lines at the end of the feed are not rows (exports often end with one); a blank line with
/// rows after it is a row of one empty field, which the caller quarantines like any broken row.
/// </summary>
internal sealed class DelimitedFeedReader : IFeedReader
{
    private readonly SepReader _reader;

    /// <summary>Lines of blank rows read ahead to see whether any row follows them.</summary>
    private readonly Queue<long> _blankLines = new();

    /// <summary>The row that followed <see cref="_blankLines"/>, given out after them.</summary>
    private FeedRecord? _held;

    public DelimitedFeedReader(TextReader text, char delimiter)
    {
        _reader = Sep.New(delimiter)
            .Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true })
            .From(text);
        ColumnNames = _reader.Header.ColNames.Select(n => n.Trim()).ToList();
        DisplayDelimiter = delimiter;
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public char DisplayDelimiter { get; }

    public bool Read(FeedRecord record)
    {
        if (_blankLines.TryDequeue(out var blank))
        {
            Blank(record, blank);
            return true;
        }

        if (_held is not null)
        {
            record.SwapWith(_held);
            _held = null;
            return true;
        }

        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                _blankLines.Enqueue(row.LineNumberFrom);
                continue;
            }

            var target = _blankLines.Count == 0 ? record : _held = new FeedRecord();
            target.Clear();
            target.Line = row.LineNumberFrom;
            for (var i = 0; i < row.ColCount; i++)
            {
                target.Add(row[i].Span);
                if (OverlongRowGuard.IsOverlong(row[i].Span))
                {
                    target.Problem = OverlongRowGuard.Problem();
                    target.ProblemReason = Mapping.RejectionReasons.FieldTooLong;
                }
                else if (OverlongRowGuard.IsUnclosed(row[i].Span))
                {
                    target.Problem = OverlongRowGuard.UnclosedProblem();
                    target.ProblemReason = Mapping.RejectionReasons.UnclosedQuote;
                }
            }
            if (_blankLines.TryDequeue(out blank))
                Blank(record, blank);
            return true;
        }

        _blankLines.Clear(); // Only blank lines were left: the end of the feed, not rows.
        return false;
    }

    private static void Blank(FeedRecord record, long line)
    {
        record.Clear();
        record.Line = line;
        record.Add([]);
    }

    public void Dispose() => _reader.Dispose();
}
