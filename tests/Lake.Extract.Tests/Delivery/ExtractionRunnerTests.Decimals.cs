using System.Text;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Contracts.Extraction;
using Parquet;
using Parquet.Schema;

namespace Lake.Extract.Tests.Delivery;

/// <summary>Number columns their register declares decimal(p,s) are delivered as DECIMAL, with the digits the source wrote.</summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly DatasetRequest Background = new() { Register = "patient_background" };

    [Test]
    public async Task Run_DecimalColumns_AreDeliveredAsDecimalsWithTheSourcesDigits()
    {
        await IngestPatientBackground();

        var manifest = Extract(dataset: Background);

        var values = Query(manifest, "SELECT CAST(height_cm AS VARCHAR) || ' ' || typeof(height_cm), CAST(weight_kg AS VARCHAR) || ' ' || typeof(weight_kg) FROM read_parquet($1) ORDER BY height_cm", "patient_background.parquet");
        await using var reader = await ParquetReader.CreateAsync(Delivered(manifest, "patient_background.parquet"));
        var fields = reader.Schema.DataFields.OfType<DecimalDataField>().ToDictionary(f => f.Name, f => (f.Precision, f.Scale));
        Assert.Multiple(() =>
        {
            Assert.That(values, Is.EqualTo(new[] { ("165.0 DECIMAL(4,1)", "60.10 DECIMAL(5,2)"), ("172.5 DECIMAL(4,1)", "68.25 DECIMAL(5,2)") }));
            Assert.That(fields, Is.EqualTo(new Dictionary<string, (int, int)> { ["height_cm"] = (4, 1), ["weight_kg"] = (5, 2) }));
        });
    }

    [Test]
    public async Task Run_DecimalColumns_ReadmeGivesTheirDecimalType()
    {
        await IngestPatientBackground();

        var manifest = Extract(dataset: Background);

        Assert.That(File.ReadAllText(Delivered(manifest, "README.md")), Does.Contain("| height_cm | decimal(4,1) |").And.Contain("| weight_kg | decimal(5,2) |"));
    }

    /// <summary>Anna's and Ville's background from Uranus, written as its export writes numbers (decimal comma).</summary>
    private async Task IngestPatientBackground()
    {
        var ingestor = new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System);
        var feed = _folder.File("background.csv");
        File.WriteAllText(feed, string.Join("\n",
            "HETU;SUKUPUOLI;KUOLINPVM;KOTIKUNTA;PITUUS;PAINO;PAIVITETTY",
            $"{Anna.Value};2;;Espoo;172,5;68,25;01.02.2015",
            $"{Ville.Value};1;;Vantaa;165,0;60,1;03.04.2016") + "\n", Encoding.Latin1);
        await ingestor.IngestAsync(SourceDescriptorLoader.Load(Path.Combine(RepositoryFolders.Sources, "uranus-patient-background.yaml")), feed);
    }
}
