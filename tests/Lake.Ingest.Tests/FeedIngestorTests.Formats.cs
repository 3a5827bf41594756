using System.IO.Compression;
using System.Text;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;

namespace Lake.Ingest.Tests;

/// <summary>Feed formats and descriptor features beyond plain delimited text.</summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_FixedWidthFeed_ReadsFieldsByPositionAndQuarantinesTruncatedLines()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Format = new FeedFormat
        {
            Kind = "fixed_width",
            Header = false,
            Fields =
            [
                new FixedWidthField { Name = "hetu", Start = 1, Length = 11 },
                new FixedWidthField { Name = "code", Start = 12, Length = 6 },
                new FixedWidthField { Name = "type", Start = 18, Length = 1 },
                new FixedWidthField { Name = "at", Start = 19, Length = 19 },
                new FixedWidthField { Name = "unit", Start = 38, Length = 12 },
            ],
        };
        var feed = _folder.File("fixed.txt");
        File.WriteAllText(feed, string.Join("\n",
            $"{Alice.Value}E11.9 P2021-03-04T10:00:00Sisätaudit",
            $"{Bob.Value}J45   S2022-05-06T11:30:00",
            $"{Carol.Value}I10   P20") + "\n");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.UnreadableRecord] = 1 }));
            Assert.That(ReadQuarantine(result.QuarantinePath!).Single().Line, Is.EqualTo(3));
            Assert.That(Query(result, "SELECT code, unit FROM files ORDER BY recorded_at").Select(r => (r[0], r[1])),
                Is.EqualTo(new (object?, object?)[] { ("E11.9", "Sisätaudit"), ("J45", null) }));
        });
    }

    [Test]
    public async Task IngestAsync_JsonLinesFeed_ReadsKeysAndQuarantinesBrokenJson()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Format = new FeedFormat { Kind = "json_lines" };
        var feed = _folder.File("feed.jsonl");
        File.WriteAllText(feed, string.Join("\n",
            $$"""{"hetu":"{{Alice.Value}}","code":"E119","type":"P","at":"2021-03-04T10:00:00","unit":"Sisätaudit"}""",
            $$"""{"hetu":"{{Bob.Value}}","code":"J45","type":"S","at":"2022-05-06T11:30:00"}""",
            $$"""{"hetu":"{{Carol.Value}}","code":"I10",""") + "\n");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason.Keys, Is.EquivalentTo(new[] { RejectionReasons.UnreadableRecord }));
            Assert.That(ReadQuarantine(result.QuarantinePath!).Single().Line, Is.EqualTo(3));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(Carol.Value));
        });
    }

    [Test]
    public async Task IngestAsync_GzipFeed_IsDecompressed()
    {
        var feed = _folder.File("good.csv.gz");
        await using (var gzip = new GZipStream(File.Create(feed), CompressionLevel.Fastest))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n", [DiagnosisHeader, .. GoodDiagnosisRows()]) + "\n"));

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.That(result.Commit.RowsWritten, Is.EqualTo(3));
    }

    [Test]
    public async Task IngestAsync_ExcludeFilter_DropsAndCountsRowsWithoutQuarantiningThem()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Exclude = [new RowFilter { Column = "unit", Contains = ["seksuaali"], Reason = "sexual assault records" }];
        var feed = WriteFeed("filtered.csv", DiagnosisHeader, [.. GoodDiagnosisRows(), $"{Alice.Value},T74.2,P,2022-01-01T00:00:00,Seksuaalirikosten tutkinta"]);

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(3));
            Assert.That(result.Commit.RowsQuarantined, Is.Zero);
            Assert.That(result.Commit.ExcludedByReason, Is.EqualTo(new Dictionary<string, long> { ["sexual assault records"] = 1 }));
            Assert.That(Query(result, "SELECT count(*) FROM files WHERE code = 'T74.2'").Single()[0], Is.EqualTo(0L));
        });
    }

    [Test]
    public async Task IngestAsync_Crosswalk_MapsLocalIdsAndShiftsDatesAndQuarantinesUnknownIds()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Identity = "patient_no";
        descriptor.Crosswalk = new CrosswalkSpec { File = "crosswalk.csv", LocalId = "local", IdentityCode = "hetu", ShiftDays = "shift" };
        File.WriteAllText(_folder.File("crosswalk.csv"), $"local,hetu,shift\n17,{Alice.Value},-365\n18,{Bob.Value},0\n");
        var feed = WriteFeed("local.csv", "patient_no,code,type,at,unit",
            "17,E119,P,2022-03-04T10:00:00,Sisätaudit",
            "18,J45,S,2022-05-06T11:30:00,Kirurgia",
            "99,I10,P,2022-07-08T08:15:00,Kirurgia");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Commit.RowsWritten, Is.EqualTo(2));
            Assert.That(result.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.UnknownLocalId] = 1 }));
            Assert.That(Query(result, "SELECT CAST(recorded_at AS VARCHAR) FROM files WHERE code = 'E11.9'").Single()[0], Is.EqualTo("2021-03-04 10:00:00"));
            Assert.That(Query(result, "SELECT count(*) FROM files WHERE pseudonym = $1", _pseudonymizer.RegisterPseudonym("diagnosis", _pseudonymizer.IdentityOf(Alice), _keys.CurrentKeyId)).Single()[0], Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task IngestAsync_Lookup_BorrowsColumnsByKey()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Lookups = [new LookupSpec { Name = "visits", File = "visits.csv", Key = "visit", Match = "visit_no", Columns = ["start"] }];
        descriptor.Columns["recorded_at"] = new ColumnMapping { From = "visits.start", Format = "yyyy-MM-ddTHH:mm:ss" };
        File.WriteAllText(_folder.File("visits.csv"), "visit,start\nV1,2021-03-04T10:00:00\nV2,2022-05-06T11:30:00\n");
        var feed = WriteFeed("dated-by-visit.csv", "hetu,code,type,visit_no,unit",
            $"{Alice.Value},E119,P,V1,Sisätaudit",
            $"{Bob.Value},J45,S,V2,Kirurgia",
            $"{Carol.Value},I10,P,V9,Kirurgia");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(Query(result, "SELECT code, CAST(recorded_at AS VARCHAR) FROM files ORDER BY recorded_at").Select(r => (r[0], r[1])),
                Is.EqualTo(new (object?, object?)[] { ("E11.9", "2021-03-04 10:00:00"), ("J45", "2022-05-06 11:30:00") }));
            Assert.That(result.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.MissingRequired] = 1 }));
        });
    }

    [Test]
    public async Task IngestAsync_EventBeforeBirth_IsQuarantined()
    {
        var feed = WriteFeed("before-birth.csv", DiagnosisHeader, $"{Carol.Value},J45,P,2021-03-04T10:00:00,Lastentaudit", $"{Carol.Value},J45,P,2000-03-04T10:00:00,Lastentaudit");
        var descriptor = DiagnosisDescriptor();
        descriptor.Years = new YearRange { From = 1990 };

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.That(result.Commit.QuarantinedByReason, Is.EqualTo(new Dictionary<string, long> { [RejectionReasons.EventBeforeBirth] = 1 }));
    }

    [Test]
    public async Task IngestAsync_MapWithOtherwiseAndNullValues_MapsUnlistedValuesAndEmptiesNullMarks()
    {
        var descriptor = DiagnosisDescriptor();
        descriptor.Columns["diagnosis_type"] = new ColumnMapping { From = "type", Map = new() { ["1"] = "primary" }, Otherwise = "secondary" };
        descriptor.Format.NullValues = ["___"];
        var feed = WriteFeed("otherwise.csv", DiagnosisHeader,
            $"{Alice.Value},E119,1,2021-03-04T10:00:00,___",
            $"{Bob.Value},J45,7,2022-05-06T11:30:00,Kirurgia");

        var result = await _ingestor.IngestAsync(descriptor, feed);

        Assert.That(Query(result, "SELECT diagnosis_type, unit FROM files ORDER BY recorded_at").Select(r => (r[0], r[1])),
            Is.EqualTo(new (object?, object?)[] { ("primary", null), ("secondary", "Kirurgia") }));
    }

    [Test]
    public async Task IngestAsync_IdentityCodeWrittenInText_IsMaskedAndCounted()
    {
        var feed = WriteFeed("text.csv", DiagnosisHeader, $"{Alice.Value},E119,P,2021-03-04T10:00:00,Soitettu omaiselle {Bob.Value} klo 10");

        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), feed);

        Assert.Multiple(() =>
        {
            Assert.That(Query(result, "SELECT unit FROM files").Single()[0], Is.EqualTo("Soitettu omaiselle [identity code] klo 10"));
            Assert.That(result.Commit.WarningsByCheck, Is.EqualTo(new Dictionary<string, long> { [WarningChecks.IdentityCodeInText] = 1 }));
            Assert.That(AllBytesUnder(_layout.Root), Does.Not.Contain(Bob.Value));
        });
    }
}
