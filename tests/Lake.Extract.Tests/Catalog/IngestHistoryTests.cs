using Lake.Contracts.Lake;
using Lake.Extract.Catalog;
using Lake.Ingest;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Catalog;

/// <summary>The ingest history a data engineer reads: batches per source system, quarantine by reason with line numbers, and nothing of the rows.</summary>
public sealed class IngestHistoryTests
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);

    [Test]
    public async Task Of_FeedWithBadRows_GivesReasonsWithLineNumbersAndNoIdentityCode()
    {
        using var folder = new TempDirectory("lake-history-tests");
        var layout = new LakeLayout(folder.File("lake"));
        var keys = KeyRing.OpenOrCreate(folder.File("keys/keyring.json"), TimeProvider.System);
        var ingestor = new FeedIngestor(layout, new Pseudonymizer(keys), keys, TimeProvider.System);
        var feed = folder.File("uranus.csv");
        // Line 1 is the header: the bad dates are on lines 3 and 5, the bad identity code on line 4.
        await File.WriteAllLinesAsync(feed, [DiagnosisFeeds.Header, $"{Anna.Value},E11.9,2021-03-01T10:00:00", $"{Anna.Value},E11.9,yesterday",
            "not-a-hetu,E11.9,2021-03-01T10:00:00", $"{Anna.Value},E11.9,2021-13-45T10:00:00"]);
        await ingestor.IngestAsync(DiagnosisFeeds.Descriptor("Uranus Oberon", 2020), feed);

        var all = IngestHistory.Build(layout);
        var uranus = IngestHistory.Of(layout, "uranus_oberon")!;
        var quarantine = uranus.Batches.Single().Quarantine;

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(s => (s.System, s.Slug)), Is.EqualTo(new[] { ("Uranus Oberon", "uranus_oberon") }));
            Assert.That(uranus.NeedsAttention, Is.True);
            Assert.That((uranus.RowsWritten, uranus.RowsQuarantined), Is.EqualTo((1L, 3L)));
            Assert.That(quarantine.Select(q => (q.Reason, q.Rows, string.Join(" ", q.Lines))), Is.EquivalentTo(new[] { ("invalid_date", 2L, "3 5"), ("invalid_identity", 1L, "4") }));
            Assert.That(all.Single().Batches.Single().Quarantine, Is.Empty, "lines only for the one system asked for");
            Assert.That(string.Join(" ", quarantine.Select(q => q.ToString())), Does.Not.Contain(Anna.Value));
        });
    }

    [Test]
    public async Task Of_UnknownSlug_IsNull()
    {
        using var folder = new TempDirectory("lake-history-tests");
        var layout = new LakeLayout(folder.File("lake"));
        var keys = KeyRing.OpenOrCreate(folder.File("keys/keyring.json"), TimeProvider.System);
        var feed = folder.File("apotti.csv");
        await File.WriteAllLinesAsync(feed, [DiagnosisFeeds.Header, $"{Anna.Value},E11.9,2021-03-01T10:00:00"]);
        await new FeedIngestor(layout, new Pseudonymizer(keys), keys, TimeProvider.System).IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2020), feed);

        Assert.Multiple(() =>
        {
            Assert.That(IngestHistory.Of(layout, "../apotti"), Is.Null);
            Assert.That(IngestHistory.Of(layout, "Apotti"), Is.Null, "the address names the slug");
            Assert.That(IngestHistory.Of(layout, "apotti")!.NeedsAttention, Is.False);
        });
    }
}
