using System.Text;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;

namespace Lake.Ingest.Tests.Reading;

public sealed class FhirNdjsonFeedReaderTests
{
    private static readonly string[] Paths = ["subject.reference", "code.coding[system=http://hl7.org/fhir/sid/icd-10].code"];

    [Test]
    public void Read_Resources_GivesOneRecordPerLineWithEachPathsValue()
    {
        var records = ReadAll(
            """{"resourceType":"Condition","subject":{"reference":"Patient/1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"},{"system":"http://hl7.org/fhir/sid/icd-10","code":"E11.9"}]}}""",
            """{"resourceType":"Condition","subject":{"reference":"Patient/2"}}""");

        Assert.That(records.Select(r => (r.Line, r.Fields[0], r.Fields[1])), Is.EqualTo(new[] { (1L, "Patient/1", "E11.9"), (2L, "Patient/2", "") }));
    }

    [Test]
    public void Read_BrokenJsonAndOtherResourceTypes_AreRowsWithAProblemOnTheirLine()
    {
        var records = ReadAll(
            """{"resourceType":"Condition","subject":{"reference":"Patient/1"}}""",
            """{"resourceType":"Condition","subject":{"reference":""",
            """{"resourceType":"Observation","subject":{"reference":"Patient/1"}}""",
            """["not","a","resource"]""",
            """{"subject":{"reference":"Patient/1"}}""");

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Problem is null), Is.EqualTo(new[] { true, false, false, false, false }));
            Assert.That(records[1].Problem, Does.StartWith("the line is not valid JSON"));
            Assert.That(records[1].ProblemReason, Is.Null, "broken JSON is an unreadable record");
            Assert.That(records[2].ProblemReason, Is.EqualTo(RejectionReasons.UnexpectedResourceType));
            Assert.That(records[2].Problem, Does.Contain("is a Observation, but this feed holds Condition"));
            Assert.That(records[4].ProblemReason, Is.EqualTo(RejectionReasons.UnexpectedResourceType));
            Assert.That(records.Select(r => r.Line), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        });
    }

    [Test]
    public void Read_ByteOrderMarkCrLfBlankLinesAndNoFinalNewline_AreReadAsLinesOfTheFile()
    {
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/1\"}}\r\n\r\n   \n{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/ä\"}}"))
            .ToArray();

        var records = ReadAll(bytes);

        Assert.That(records.Select(r => (r.Line, r.Fields[0])), Is.EqualTo(new[] { (1L, "Patient/1"), (4L, "Patient/ä") }));
    }

    [Test]
    public void Read_LineLongerThanTheBuffer_IsReadWhole()
    {
        var note = new string('x', 200_000);
        var records = ReadAll($$"""{"resourceType":"Condition","subject":{"reference":"Patient/1"},"note":[{"text":"{{note}}"}]}""", """{"resourceType":"Condition","subject":{"reference":"Patient/2"}}""");

        Assert.That(records.Select(r => r.Fields[0]), Is.EqualTo(new[] { "Patient/1", "Patient/2" }));
    }

    [Test]
    public void Read_Base64ThatIsNotText_IsARowWithAProblem()
    {
        using var reader = new FhirNdjsonFeedReader(
            new MemoryStream(Encoding.UTF8.GetBytes("""{"resourceType":"DocumentReference","content":[{"attachment":{"data":"JVBERi0xLjQK/////w=="}}]}""")),
            "DocumentReference", ["content[0].attachment.data | base64"]);
        var record = new FeedRecord();

        Assert.That(reader.Read(record), Is.True);
        Assert.That(record.ProblemReason, Is.EqualTo(RejectionReasons.UndecodableValue));
        Assert.That(record.Problem, Does.Contain("content[0].attachment.data | base64: the value is base64 but not UTF-8 text"));
    }

    private static List<(long Line, string[] Fields, string? Problem, string? ProblemReason)> ReadAll(params string[] lines) =>
        ReadAll(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    private static List<(long Line, string[] Fields, string? Problem, string? ProblemReason)> ReadAll(byte[] bytes)
    {
        using var reader = new FhirNdjsonFeedReader(new MemoryStream(bytes), "Condition", Paths);
        var record = new FeedRecord();
        var records = new List<(long, string[], string?, string?)>();
        while (reader.Read(record))
            records.Add((record.Line, Enumerable.Range(0, record.Count).Select(i => record[i].ToString()).ToArray(), record.Problem, record.ProblemReason));
        return records;
    }
}
