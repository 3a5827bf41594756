using Lake.Ingest.Reading;

namespace Lake.Ingest.Tests.Reading;

/// <summary>Blank lines: those ending a feed are not rows; one with rows after it is a broken row, kept for quarantine.</summary>
public sealed class DelimitedFeedReaderTests
{
    [TestCase("a,b\n1,2\n")]
    [TestCase("a,b\n1,2\n\n")]
    [TestCase("a,b\r\n1,2\r\n\r\n")]
    [TestCase("a,b\n1,2\n\n \n\t\n")]
    public void Read_BlankLinesAtTheEnd_AreNotRows(string feed) =>
        Assert.That(Rows(feed), Is.EqualTo(new[] { (2L, "1|2") }));

    [Test]
    public void Read_BlankLineBetweenRows_IsARowOfOneEmptyFieldOnItsLine() =>
        Assert.That(Rows("a,b\n1,2\n\n\n3,4\n\n"), Is.EqualTo(new[] { (2L, "1|2"), (3L, ""), (4L, ""), (5L, "3|4") }));

    [Test]
    public void Read_BlankLineInsideAQuotedField_StaysInTheField() =>
        Assert.That(Rows("a,b\n1,\"first\n\nthird\"\n\n"), Is.EqualTo(new[] { (2L, "1|first\n\nthird") }));

    [TestCase("hetu;at;text\nA;2020-01-01;\"Lievä mit")]
    [TestCase("hetu;at;text\nA;2020-01-01;\"Lievä mitraali-\ninsuffisienssi, ")]
    [TestCase("hetu;at;text\nA;2020-01-01;\"Lievä \"\"mit")]
    public void Read_FeedCutOffInsideAQuotedField_TheCutRowIsAProblemWithItsLine(string tail)
    {
        var feed = "hetu;at;text\nB;2019-01-01;\"whole\nstatement\"\n" + tail[(tail.IndexOf('\n') + 1)..];
        using var reader = new DelimitedFeedReader(new OverlongRowGuard(new StringReader(feed), ';'), ';');
        var first = new FeedRecord();
        var cut = new FeedRecord();

        Assert.Multiple(() =>
        {
            Assert.That(reader.Read(first), Is.True);
            Assert.That(first.Problem, Is.Null, "a closed quoted field spanning lines is a whole row");
            Assert.That(first[2].ToString(), Is.EqualTo("whole\nstatement"));
            Assert.That(reader.Read(cut), Is.True);
            Assert.That(cut.Line, Is.EqualTo(4), "the cut row's line, after the two lines of the first");
            Assert.That(cut.ProblemReason, Is.EqualTo(Lake.Ingest.Mapping.RejectionReasons.UnclosedQuote));
            Assert.That(cut.Problem, Does.Contain("cut off"));
            Assert.That(reader.Read(new FeedRecord()), Is.False);
        });
    }

    [Test]
    public void Read_FeedEndingRightAfterAClosedQuote_HasNoProblem()
    {
        using var reader = new DelimitedFeedReader(new OverlongRowGuard(new StringReader("a;b\n1;\"x\""), ';'), ';');
        var record = new FeedRecord();

        Assert.That(reader.Read(record), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(record.Problem, Is.Null);
            Assert.That(record[1].ToString(), Is.EqualTo("x"));
        });
    }

    private static List<(long Line, string Fields)> Rows(string feed)
    {
        using var reader = new DelimitedFeedReader(new StringReader(feed), ',');
        var record = new FeedRecord();
        var rows = new List<(long, string)>();
        while (reader.Read(record))
            rows.Add((record.Line, string.Join("|", Enumerable.Range(0, record.Count).Select(i => record[i].ToString()))));
        return rows;
    }
}
