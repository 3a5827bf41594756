using System.Security.Cryptography;
using Apache.Arrow.Ipc;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

/// <summary>Deliveries with an Arrow IPC file beside each Parquet file (<c>delivery: { arrow: true }</c>).</summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly DeliveryOptions WithArrow = new() { Arrow = true };

    [TestCase("diagnosis")]
    [TestCase("laboratory")]
    public void Run_Arrow_EachArrowFileHoldsItsParquetFilesRowsColumnsAndTypes(string register)
    {
        var manifest = Extract(WithArrow, new DatasetRequest { Register = register });

        foreach (var dataset in new[] { ExtractDataset.Cohort, register })
        {
            var parquet = Delivered(manifest, dataset + ".parquet");
            var arrow = Delivered(manifest, dataset + ".arrow");
            var expected = DeliveredTable.FromParquet(parquet);
            var written = DeliveredTable.FromArrow(arrow);
            Assert.Multiple(() =>
            {
                Assert.That(written.Columns, Is.EqualTo(expected.Columns), dataset);
                Assert.That(written.Rows, Is.Not.Empty.And.EqualTo(expected.Rows), dataset);
                Assert.That(DeliveredTable.ArrowSchema(arrow).FieldsList.Select(f => $"{f.Name}: {DeliveredTable.ArrowTypeOf(f)}"),
                    Is.EqualTo(DeliveredTable.ParquetTypes(parquet).Select(c => $"{c.Name}: {DeliveredTable.ExpectedArrowType(c.Type)}")), dataset);
            });
        }
    }

    [Test]
    public void Run_ArrowAndCsv_StudyPseudonymIsTheSameCanonicalTextInEveryFile()
    {
        var manifest = Extract(WithArrow with { Csv = true });

        var expected = new[] { Anna, Ville }.Select(h => _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(h)).ToString("D")).Order().ToList();
        var field = DeliveredTable.ArrowSchema(Delivered(manifest, "diagnosis.arrow")).GetFieldByName(DatasetTask.StudyPseudonymColumn);
        var parquetType = DeliveredTable.ParquetTypes(Delivered(manifest, "diagnosis.parquet")).Single(c => c.Name == DatasetTask.StudyPseudonymColumn).Type;
        var csv = File.ReadAllLines(Delivered(manifest, "diagnosis.csv")).Skip(1).Select(line => line.Split(',')[0].Trim('"'));
        Assert.Multiple(() =>
        {
            Assert.That(DeliveredTable.ArrowTypeOf(field), Is.EqualTo("utf8"));
            Assert.That(parquetType, Is.EqualTo("VARCHAR"));
            Assert.That(DeliveredTable.FromArrow(Delivered(manifest, "diagnosis.arrow")).Rows.Select(r => r[0]).Distinct(), Is.EqualTo(expected));
            Assert.That(DeliveredTable.FromParquet(Delivered(manifest, "diagnosis.parquet")).Rows.Select(r => r[0]).Distinct(), Is.EqualTo(expected));
            Assert.That(csv.Distinct(), Is.EqualTo(expected));
            Assert.That(expected, Has.All.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        });
    }

    [Test]
    public void Run_Arrow_FileBodiesAreZstdCompressed()
    {
        var manifest = Extract(WithArrow);

        using var withoutCodec = new ArrowFileReader(File.OpenRead(Delivered(manifest, "diagnosis.arrow")));
        Assert.That(() => withoutCodec.ReadNextRecordBatch(), Throws.Exception.With.Message.Contains("compressed with codec ZSTD"));
    }

    [Test]
    public void Run_Arrow_ManifestListsEachArrowFileWithItsRowsAndSha256()
    {
        var manifest = Extract(WithArrow);

        var written = DeliveryManifestFile.Read(Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString()));
        Assert.That(written.Files.Select(f => f.Name), Is.EqualTo(new[] { "cohort.parquet", "cohort.arrow", "diagnosis.parquet", "diagnosis.arrow" }));
        foreach (var file in written.Files.Where(f => f.Name.EndsWith(".arrow", StringComparison.Ordinal)))
        {
            var path = Delivered(manifest, file.Name);
            var parquet = written.Files.Single(f => f.Name == Path.ChangeExtension(file.Name, ".parquet"));
            Assert.Multiple(() =>
            {
                Assert.That(file.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))), file.Name);
                Assert.That(file.Bytes, Is.EqualTo(new FileInfo(path).Length), file.Name);
                Assert.That(file.Rows, Is.EqualTo(DeliveredTable.FromArrow(path).Rows.Count).And.EqualTo(parquet.Rows), file.Name);
                Assert.That(file.Register, Is.EqualTo(parquet.Register), file.Name);
            });
        }
    }

    [Test]
    public void Run_Arrow_FilesAreOwnerOnly()
    {
        var manifest = Extract(WithArrow);

        Assert.That(new[] { "cohort.arrow", "diagnosis.arrow" }.Select(name => File.GetUnixFileMode(Delivered(manifest, name))),
            Is.All.EqualTo(OwnerOnly.FileMode));
    }

    [Test]
    public void Run_ArrowTwiceOverTheSameLake_ArrowFilesAreTheSameBytes()
    {
        var first = Extract(WithArrow);
        var again = Extract(WithArrow);

        Assert.That(again.Files.Where(f => f.Name.EndsWith(".arrow", StringComparison.Ordinal)).Select(f => f.Sha256),
            Is.EqualTo(first.Files.Where(f => f.Name.EndsWith(".arrow", StringComparison.Ordinal)).Select(f => f.Sha256)).And.Exactly(2).Items,
            "a replay must reproduce every delivered file");
    }

    [Test]
    public void Assemble_ArrowTasksRunByAnotherWorker_SameArrowFilesAsOneRun()
    {
        var specification = TaskSpecification with { Delivery = WithArrow };
        var (planner, task, assembler) = Pieces();
        var whole = new ExtractionRunner(planner, task, assembler).Run(Guid.NewGuid(), TaskPermit, "anna.researcher", specification);

        // A worker of its own: nothing cached from the run above.
        var (otherPlanner, otherTask, otherAssembler) = Pieces();
        var plan = otherPlanner.Plan(specification);
        var request = Guid.NewGuid();
        var files = plan.Datasets.Reverse().SelectMany(d => otherTask.Run(request, "S1", specification, plan.Batches, d)).ToList();
        var pieces = otherAssembler.Assemble(request, TaskPermit, "anna.researcher", specification, plan.Batches, files);

        Assert.That(pieces.Files.Where(f => f.Name.EndsWith(".arrow", StringComparison.Ordinal)),
            Is.EquivalentTo(whole.Files.Where(f => f.Name.EndsWith(".arrow", StringComparison.Ordinal))).And.Exactly(2).Items);
    }

    [Test]
    public void Run_WithoutArrow_WritesNoArrowFile()
    {
        var manifest = Extract(new DeliveryOptions { Csv = true });

        var folder = Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Files.Select(f => f.Name), Has.None.EndsWith(".arrow"));
            Assert.That(Directory.EnumerateFiles(folder, "*.arrow"), Is.Empty);
        });
    }

    [Test]
    public void Run_Arrow_ReadmeSaysHowToOpenTheArrowFiles()
    {
        var manifest = Extract(WithArrow);

        var readme = File.ReadAllText(Delivered(manifest, "README.md"));
        Assert.Multiple(() =>
        {
            Assert.That(readme, Does.Contain("## diagnosis.parquet, diagnosis.arrow"));
            Assert.That(readme, Does.Contain("arrow::read_feather(\"diagnosis.arrow\")"));
            Assert.That(readme, Does.Contain("pandas.read_feather(\"diagnosis.arrow\")"));
            Assert.That(readme, Does.Contain("polars.read_ipc(\"diagnosis.arrow\")"));
        });
    }

    private string Delivered(DeliveryManifest manifest, string name) => Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString(), name);
}
