using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;

namespace Lake.Ingest.Tests.Reading;

/// <summary>A row too long for any real feed is cut and quarantined on its line; every other row passes unchanged.</summary>
public sealed class OverlongRowGuardTests
{
    [TestCase("a,b\n1,2\n3,\"x\ny\"\n\"q\"\"uote\",5\n")]
    [TestCase("a,b\r\n1,2\r\n")]
    [TestCase("a,b\n1,2")]
    [TestCase("")]
    public void Read_RowsWithinTheLimit_PassUnchanged(string feed) =>
        Assert.That(new OverlongRowGuard(new StringReader(feed), ',', maxRowChars: 40).ReadToEnd(), Is.EqualTo(feed));

    [Test]
    public void Read_ManyRowsThroughSmallReads_PassUnchanged()
    {
        var feed = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},\"text {i}\nmore\",\"q\"\"{i}\"\n"));
        using var guard = new OverlongRowGuard(new StringReader(feed), ',', maxRowChars: 64);
        var copy = new System.Text.StringBuilder();
        var buffer = new char[7];
        int n;
        while ((n = guard.Read(buffer, 0, buffer.Length)) > 0)
            copy.Append(buffer, 0, n);

        Assert.That(copy.ToString(), Is.EqualTo(feed));
    }

    [TestCase("a,b\n1,2\n3," + "x" + "\n4,5\n", "unquoted field")]
    [TestCase("a,b\n1,2\n3,\"x\n\nx\"\n4,5\n", "quoted field with line breaks")]
    public void Read_OverlongRow_IsAFieldTooLongOnItsLineAndTheNextRowKeepsItsLine(string template, string kind)
    {
        var feed = template.Replace("x", new string('x', 500), StringComparison.Ordinal);
        var rows = Rows(feed, maxRowChars: 100);

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[] { (2L, (string?)null), (3L, RejectionReasons.FieldTooLong), (kind == "unquoted field" ? 4L : 6L, null) }), kind);
            Assert.That(rows[^1].Fields, Is.EqualTo("4|5"));
        });
    }

    [Test]
    public void Read_QuoteNeverClosed_CutsTheRestOfTheFeedIntoOneQuarantinedRow()
    {
        var rows = Rows("a,b\n1,2\n3,\"never closed\n" + string.Concat(Enumerable.Repeat("4,5\n", 100)), maxRowChars: 100);

        Assert.That(rows.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[] { (2L, (string?)null), (3L, RejectionReasons.FieldTooLong) }));
    }

    [Test]
    public void ReadLine_CrLfLines_AreOneLineEach()
    {
        using var guard = new OverlongRowGuard(new StringReader("a,b\r\n1,2\r\n"), ',');

        Assert.That(new[] { guard.ReadLine(), guard.ReadLine(), guard.ReadLine() }, Is.EqualTo(new[] { "a,b", "1,2", null }));
    }

    private static List<(long Line, string? Reason, string Fields)> Rows(string feed, int maxRowChars)
    {
        using var reader = new DelimitedFeedReader(new OverlongRowGuard(new StringReader(feed), ',', maxRowChars), ',');
        var record = new FeedRecord();
        var rows = new List<(long, string?, string)>();
        while (reader.Read(record))
            rows.Add((record.Line, record.ProblemReason, string.Join("|", Enumerable.Range(0, record.Count).Select(i => record[i].ToString()))));
        return rows;
    }
}
