using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Catalog;
using Lake.Extract.Disclosure;
using Lake.Ingest;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Catalog;

/// <summary>
/// The catalog is read without a permit: a source's small patient count must not be recoverable
/// from the register's total and the other sources' exact counts.
/// </summary>
public sealed class LakeCatalogTests
{
    [Test]
    public async Task Build_OneSourceWithFewPatients_TheNextSourceIsSuppressedTooSoTheTotalGivesNothingAway()
    {
        using var folder = new TempDirectory("lake-catalog-tests");
        var layout = new LakeLayout(folder.File("lake"));
        var keys = KeyRing.OpenOrCreate(folder.File("keys/keyring.json"), TimeProvider.System);
        var ingestor = new FeedIngestor(layout, new Pseudonymizer(keys), keys, TimeProvider.System);
        await IngestAsync(ingestor, folder.File("apotti.csv"), "Apotti", Enumerable.Range(0, 40));
        await IngestAsync(ingestor, folder.File("uranus.csv"), "Uranus", Enumerable.Range(100, 3));

        var diagnosis = LakeCatalog.Build(layout, RegisterCatalog.Shipped, new DisclosureControl()).Single(r => r.Register.Name == "diagnosis");
        var patients = diagnosis.Sources.ToDictionary(s => s.System, s => s.Patients);

        Assert.Multiple(() =>
        {
            Assert.That(diagnosis.Patients.Value, Is.EqualTo(43), "the register's total");
            Assert.That(patients["Uranus"].Reason, Is.EqualTo(Suppression.Small));
            Assert.That(patients["Apotti"].Reason, Is.EqualTo(Suppression.Complementary), "43 - 40 would say Uranus alone holds 3");
        });
    }

    private static async Task IngestAsync(FeedIngestor ingestor, string feed, string system, IEnumerable<int> persons)
    {
        await File.WriteAllLinesAsync(feed, [DiagnosisFeeds.Header, .. persons.Select(i => $"{Hetu.Create(new DateOnly(1950, 1, 1).AddDays(i), 100 + (2 * (i % 400))).Value},E11.9,2021-03-01T10:00:00")]);
        await ingestor.IngestAsync(DiagnosisFeeds.Descriptor(system, 2020), feed);
    }
}
