using Lake.Contracts.Extraction;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

/// <summary>CSV files (<c>delivery: { csv: true }</c>) that keep text as text, and the README's typed read snippets.</summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly DeliveryOptions WithCsv = new() { Csv = true };

    [Test]
    public void Run_Csv_QuotesEveryTextColumnAndNoOther()
    {
        var manifest = Extract(WithCsv, new DatasetRequest { Register = "laboratory" });

        var lines = File.ReadAllLines(Delivered(manifest, "laboratory.csv"));
        var header = lines[0].Split(',');
        var row = lines.Skip(1).First(l => l.Contains("\"2095\"", StringComparison.Ordinal)).Split(',');
        var field = (string name) => row[Array.FindIndex(header, h => h.Trim('"') == name)];
        Assert.Multiple(() =>
        {
            Assert.That(field("test_code"), Is.EqualTo("\"2095\""), "a code of digits is quoted, so it stays text");
            Assert.That(field("study_id"), Does.StartWith("\"").And.EndWith("\""));
            Assert.That(field("source_system"), Is.EqualTo("\"multilab\""));
            Assert.That(field("result_value"), Does.Not.Contain("\""));
            Assert.That(field("sample_time"), Does.Not.Contain("\"").And.EndWith("Z"));
        });
    }

    [Test]
    public void Run_Csv_ManifestListsEachFilesColumnsAndTypes()
    {
        var manifest = Extract(WithCsv, new DatasetRequest { Register = "laboratory" });

        var written = DeliveryManifestFile.Read(Path.GetDirectoryName(Delivered(manifest, "manifest.json"))!);
        var laboratory = written.Files.Where(f => f.Register == "laboratory").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(laboratory.Select(f => f.Name), Is.EqualTo(new[] { "laboratory.parquet", "laboratory.csv" }));
            Assert.That(laboratory[0].Columns.Select(c => $"{c.Name} {c.Type}"), Is.EqualTo(DeliveredTable.ParquetTypes(Delivered(manifest, "laboratory.parquet")).Select(c => $"{c.Name} {c.Type}")));
            Assert.That(laboratory[1].Columns, Is.EqualTo(laboratory[0].Columns));
            Assert.That(laboratory[0].Columns.Take(3).Select(c => $"{c.Name} {c.Type}"), Is.EqualTo(new[] { "study_id VARCHAR", "sample_time TIMESTAMP WITH TIME ZONE", "test_code VARCHAR" }));
        });
    }

    [Test]
    public void Run_Csv_ReadmeReadsEachCsvFileWithItsTypesInPandasAndR()
    {
        var manifest = Extract(WithCsv, new DatasetRequest { Register = "laboratory" });

        var readme = File.ReadAllText(Delivered(manifest, "README.md"));
        Assert.Multiple(() =>
        {
            Assert.That(readme, Does.Contain("laboratory = pd.read_csv(\"laboratory.csv\", dtype={\"study_id\": \"string\", \"test_code\": \"string\", \"test_name\": \"string\", \"result_value\": \"Float64\""));
            Assert.That(readme, Does.Contain("parse_dates=[\"sample_time\"], keep_default_na=False, na_values=[\"\"])"));
            Assert.That(readme, Does.Contain("laboratory <- readr::read_csv(\"laboratory.csv\", col_types = readr::cols(study_id = \"c\", sample_time = \"T\", test_code = \"c\","));
            Assert.That(readme, Does.Contain("cohort = pd.read_csv(\"cohort.csv\", dtype={\"study_id\": \"string\"}, parse_dates=[\"index_time\"]"));
        });
    }
}
