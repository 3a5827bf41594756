using Lake.Ingest.Reading;

namespace Lake.Ingest.Tests.Reading;

public sealed class PrefetchingFeedReaderTests
{
    [Test]
    public void Read_ManyBlocksOfRows_ReturnsEveryRowInOrder()
    {
        using var reader = new PrefetchingFeedReader(new CountingReader(rows: 10_000));
        var record = new FeedRecord();
        var lines = new List<long>();
        var wrongText = 0;

        while (reader.Read(record))
        {
            lines.Add(record.Line);
            if (!record[1].SequenceEqual($"row {record.Line}"))
                wrongText++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(Enumerable.Range(2, 10_000).Select(i => (long)i)));
            Assert.That(wrongText, Is.Zero);
            Assert.That(reader.Read(record), Is.False, "the end stays the end");
        });
    }

    [Test]
    public void Read_InnerReaderFails_ThrowsAfterTheRowsBeforeTheFailure()
    {
        using var reader = new PrefetchingFeedReader(new CountingReader(rows: 10_000, failAt: 5_000));
        var record = new FeedRecord();
        var read = 0;

        var failure = Assert.Throws<InvalidDataException>(() =>
        {
            while (reader.Read(record))
                read++;
        });

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(4_999));
            Assert.That(failure!.Message, Does.Contain("5000"));
        });
    }

    [Test]
    public void Dispose_BeforeTheEnd_StopsReadingAndDisposesTheInnerReader()
    {
        var inner = new CountingReader(rows: 1_000_000);
        var reader = new PrefetchingFeedReader(inner);
        var record = new FeedRecord();
        reader.Read(record);

        reader.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(inner.Disposed, Is.True);
            Assert.That(inner.Served, Is.LessThan(1_000_000), "reading stops with the caller, the buffer ahead stays bounded");
        });
    }

    /// <summary>Rows "n, row n" with n the line; throws at one row when asked to.</summary>
    private sealed class CountingReader(int rows, int failAt = -1) : IFeedReader
    {
        public IReadOnlyList<string> ColumnNames { get; } = ["n", "text"];

        public char DisplayDelimiter => ',';

        public int Served { get; private set; }

        public bool Disposed { get; private set; }

        public bool Read(FeedRecord record)
        {
            if (Served == rows)
                return false;
            Served++;
            if (Served == failAt)
                throw new InvalidDataException($"row {Served} is broken");
            record.Clear();
            record.Line = Served + 1;
            record.Add(Served.ToString(System.Globalization.CultureInfo.InvariantCulture));
            record.Add($"row {record.Line}");
            return true;
        }

        public void Dispose() => Disposed = true;
    }
}
