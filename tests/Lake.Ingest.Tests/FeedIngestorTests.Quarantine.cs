using Lake.Ingest.Mapping;

namespace Lake.Ingest.Tests;

public sealed partial class FeedIngestorTests
{
    /// <summary>A wrong HETU check character: the code's shape is right, its checksum is not.</summary>
    private const string BadCheckCharacter = "131052-308X";

    // {hetu} is a valid identity code. Every row is placed on line 3 of its feed (header on line 1).
    [TestCase(BadCheckCharacter + ",E119,P,2021-03-04T10:00:00,x", RejectionReasons.InvalidIdentity, "identity")]
    [TestCase("123,E119,P,2021-03-04T10:00:00,x", RejectionReasons.InvalidIdentity, "identity")]
    [TestCase("{hetu},E119,P,2021-03-04T10:00:00", RejectionReasons.WrongFieldCount, "")]
    [TestCase("{hetu},E119,P,2021-03-04T10:00:00,x,extra", RejectionReasons.WrongFieldCount, "")]
    [TestCase("{hetu},E119,P,2021-02-30T10:00:00,x", RejectionReasons.InvalidDate, "at")] // 30 February.
    [TestCase("{hetu},E119,P,04.03.2021 10:00,x", RejectionReasons.InvalidDate, "at")] // Not the descriptor's format.
    [TestCase("{hetu},E1,P,2021-03-04T10:00:00,x", RejectionReasons.MalformedCode, "code")]
    [TestCase("{hetu},11.9,P,2021-03-04T10:00:00,x", RejectionReasons.MalformedCode, "code")]
    [TestCase("{hetu},,P,2021-03-04T10:00:00,x", RejectionReasons.MissingRequired, "code")]
    [TestCase("{hetu},E119,P,,x", RejectionReasons.MissingRequired, "at")]
    [TestCase("{hetu},E119,P,2019-12-31T23:59:59,x", RejectionReasons.OutsideSourceYears, "at")] // Before from.
    [TestCase("{hetu},E119,P,2025-01-01T00:00:00,x", RejectionReasons.OutsideSourceYears, "at")] // After to.
    [TestCase("{hetu},E119,X,2021-03-04T10:00:00,x", RejectionReasons.UnmappedValue, "type")]
    [TestCase("{hetu},E119,p,2021-03-04T10:00:00,x", RejectionReasons.UnmappedValue, "type")] // The map is case-sensitive.
    public async Task IngestAsync_DefectiveRow_QuarantinedWithReasonColumnAndLine(string badRow, string reason, string column)
    {
        var good = GoodDiagnosisRows();
        var feed = WriteFeed("defect.csv", DiagnosisHeader, good[0], badRow.Replace("{hetu}", Bob.Value, StringComparison.Ordinal), good[2]);

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.That(result.QuarantinePath, Is.Not.Null);
        var quarantined = ReadQuarantine(result.QuarantinePath!);
        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsRead, Is.EqualTo(3));
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EquivalentTo(new Dictionary<string, long> { [reason] = 1 }));
            Assert.That(CountRows(result), Is.EqualTo(2));
            Assert.That(quarantined, Has.Count.EqualTo(1));
            Assert.That(quarantined[0].Line, Is.EqualTo(3));
            Assert.That(quarantined[0].Reason, Is.EqualTo(reason));
            Assert.That(quarantined[0].Column, Is.EqualTo(column));
            Assert.That(quarantined[0].BatchId, Is.EqualTo(result.Commit.BatchId));
            Assert.That(quarantined[0].Feed, Is.EqualTo("defect.csv"));
            Assert.That(quarantined[0].Message, Is.Not.Empty);
        });
    }

    [Test]
    public async Task IngestAsync_SeveralDefects_EachOnItsOwnLine()
    {
        var feed = WriteFeed("many.csv", DiagnosisHeader,
            GoodDiagnosisRows()[0],
            $"{Bob.Value},E1,P,2021-03-04T10:00:00,x",
            GoodDiagnosisRows()[1],
            $"{BadCheckCharacter},E119,P,2021-03-04T10:00:00,x",
            $"{Carol.Value},E119,P,2018-03-04T10:00:00,x");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var quarantined = ReadQuarantine(result.QuarantinePath!);
        Assert.Multiple(() =>
        {
            Assert.That(quarantined.Select(q => (q.Line, q.Reason)), Is.EqualTo(new[]
            {
                (3L, RejectionReasons.MalformedCode),
                (5L, RejectionReasons.InvalidIdentity),
                (6L, RejectionReasons.OutsideSourceYears),
            }));
            Assert.That(result.Commit.RowsQuarantined, Is.EqualTo(3));
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task IngestAsync_QuotedFieldSpanningLines_LineIsWhereTheRowStarts()
    {
        var feed = WriteFeed("quoted.csv", DiagnosisHeader,
            $"{Alice.Value},E119,P,2021-03-04T10:00:00,\"two\nlines\"",
            $"{Bob.Value},E1,P,2021-03-04T10:00:00,x");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(ReadQuarantine(result.QuarantinePath!).Single().Line, Is.EqualTo(4));
            Assert.That(Query(result, "SELECT unit FROM files").Single()[0], Is.EqualTo("two\nlines"));
        });
    }

    [Test]
    public async Task IngestAsync_RejectedRow_QuarantineRecordHasIdentityCodeMasked()
    {
        var feed = WriteFeed("defect.csv", DiagnosisHeader, $"{Bob.Value},E1,P,2021-03-04T10:00:00,ward 7");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.That(ReadQuarantine(result.QuarantinePath!).Single().Record,
            Is.EqualTo("[identity code],E1,P,2021-03-04T10:00:00,ward 7"));
    }

    [Test]
    public async Task IngestAsync_RowWithIdentityCodeInAnotherField_MasksThatToo()
    {
        // Too few fields, so the code has shifted out of the identity column.
        var feed = WriteFeed("shifted.csv", DiagnosisHeader, $"E119,{Bob.Value},P,2021-03-04T10:00:00");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        var record = ReadQuarantine(result.QuarantinePath!).Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.Reason, Is.EqualTo(RejectionReasons.WrongFieldCount));
            Assert.That(record.Record, Does.Not.Contain(Bob.Value));
            Assert.That(record.Record, Does.Contain("[identity code]"));
        });
    }

    [Test]
    public async Task IngestAsync_OnlyGoodRows_WritesNoQuarantineFile()
    {
        var feed = WriteFeed("good.csv", DiagnosisHeader, GoodDiagnosisRows());

        await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.That(Directory.Exists(_layout.QuarantineFolder) && Directory.EnumerateFiles(_layout.QuarantineFolder).Any(), Is.False);
    }
}
