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
