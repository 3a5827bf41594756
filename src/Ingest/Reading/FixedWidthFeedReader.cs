using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Reading;

/// <summary>
/// Fixed-width text, as old laboratory systems export it: each field at a column position the
/// descriptor gives. A line too short for its last field is a truncated line, reported as such.
/// </summary>
internal sealed class FixedWidthFeedReader(TextReader text, IReadOnlyList<FixedWidthField> fields, bool header) : IFeedReader
{
    private readonly int _needed = fields.Max(f => f.Start - 1 + f.Length);
    private readonly int _lastStart = fields.Max(f => f.Start - 1);
    private long _line;
    private bool _headerSkipped = !header;

    public IReadOnlyList<string> ColumnNames { get; } = fields.Select(f => f.Name).ToList();

    public char DisplayDelimiter => '|';

    public bool Read(FeedRecord record)
    {
        string? line;
        do
        {
            line = text.ReadLine();
            _line++;
            if (line is null)
                return false;
            if (!_headerSkipped)
            {
                _headerSkipped = true;
                line = null;
            }
        }
        while (line is null || line.Length == 0);

        record.Clear();
        record.Line = _line;
        foreach (var field in fields)
        {
            var start = Math.Min(field.Start - 1, line.Length);
            record.Add(line.AsSpan(start, Math.Min(field.Length, line.Length - start)).TrimEnd());
        }

        // Exporters may trim trailing blanks, so an empty last field may be missing; a line that
        // ends before the last field begins has lost data.
        if (line.Length < _lastStart)
            record.Problem = $"the line is {line.Length} characters but the fields reach to {_needed}: a truncated line";
        return true;
    }

    public void Dispose() => text.Dispose();
}
