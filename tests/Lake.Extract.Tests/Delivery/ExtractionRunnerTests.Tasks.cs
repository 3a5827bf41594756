using Lake.Contracts.Registers;
using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Extract.Access;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

/// <summary>The pieces distributed extraction runs on different workers: plan (<see cref="ExtractionPlanner"/>), one task per dataset (<see cref="DatasetTask"/>), assembly (<see cref="DeliveryAssembler"/>).</summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly Permit TaskPermit = new()
    {
        Id = "P1",
        StudyId = "S1",
        Registers = ["diagnosis", "procedure"],
        Expires = new DateOnly(2099, 1, 1),
        Members = ["anna.researcher"],
        RecordedAt = DateTimeOffset.UtcNow,
    };

    private static readonly StudySpecification TaskSpecification = new()
    {
        Cohort = new CohortCriteria { Icd10 = ["E11"] },
        Datasets = [new DatasetRequest { Register = "diagnosis" }, new DatasetRequest { Register = "procedure" }],
        Delivery = new DeliveryOptions { Csv = true },
    };

    [Test]
    public void Plan_RegisterWithoutData_GetsNoTask()
    {
        var plan = new ExtractionPlanner(_layout, RegisterCatalog.Shipped).Plan(TaskSpecification);

        Assert.That(plan.Datasets, Is.EqualTo(new[] { ExtractDataset.Cohort, "diagnosis" }), "the lake has no procedure rows");
        Assert.That(plan.Batches, Has.Count.EqualTo(2), "both diagnosis batches");
    }

    [Test]
    public void RunTask_SameTaskTwice_WritesItsFilesOnceAndDescribesThemAlike()
    {
        var (planner, task, assembler) = Pieces();
        var plan = planner.Plan(TaskSpecification);
        var request = Guid.NewGuid();

        var first = task.Run(request, "S1", TaskSpecification, plan.Batches, "diagnosis");
        var partial = assembler.PartialFolder("S1", request);
        var written = first.ToDictionary(f => f.Name, f => File.GetLastWriteTimeUtc(Path.Combine(partial, f.Name)));
        var again = task.Run(request, "S1", TaskSpecification, plan.Batches, "diagnosis");

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(first.Select(f => f.Name), Is.EqualTo(new[] { "diagnosis.parquet", "diagnosis.csv" }));
            Assert.That(first.ToDictionary(f => f.Name, f => File.GetLastWriteTimeUtc(Path.Combine(partial, f.Name))), Is.EqualTo(written), "the redelivered task rewrote nothing");
            Assert.That(Directory.EnumerateFiles(partial).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(), Is.EqualTo(new[] { "diagnosis.csv", "diagnosis.parquet" }));
        });
    }

    [Test]
    public void RunTask_DatasetNotInTheSpecification_RefusedBeforeAnyFileIsWritten()
    {
        var (planner, task, assembler) = Pieces();
        var request = Guid.NewGuid();

        Assert.That(() => task.Run(request, "S1", TaskSpecification, planner.Plan(TaskSpecification).Batches, "../../escape"),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("no dataset '../../escape'"));
        Assert.That(Directory.Exists(assembler.PartialFolder("S1", request)), Is.False);
    }

    [Test]
    public void Assemble_TasksRunInAnyOrder_SameFilesAsOneRunAndNoBookkeepingLeft()
    {
        var (planner, task, assembler) = Pieces();
        var whole = new ExtractionRunner(planner, task, assembler).Run(Guid.NewGuid(), TaskPermit, "anna.researcher", TaskSpecification);
        var plan = planner.Plan(TaskSpecification);
        var request = Guid.NewGuid();

        var files = plan.Datasets.Reverse().Select(d => (d, task.Run(request, "S1", TaskSpecification, plan.Batches, d))).ToList();
        var pieces = assembler.Assemble(request, TaskPermit, "anna.researcher", TaskSpecification, plan.Batches,
            [.. plan.Datasets.SelectMany(d => files.Single(f => f.d == d).Item2)]);

        var folder = assembler.DeliveryFolder("S1", request);
        Assert.Multiple(() =>
        {
            Assert.That(pieces.Files, Is.EqualTo(whole.Files));
            Assert.That(pieces.CohortSize, Is.EqualTo(whole.CohortSize));
            Assert.That(pieces.BatchesRead, Is.EqualTo(whole.BatchesRead));
            Assert.That(Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(n => n!.StartsWith('.')), Is.Empty);
            Assert.That(Directory.Exists(assembler.PartialFolder("S1", request)), Is.False);
        });
    }

    [Test]
    public void Assemble_AfterTheFolderWasRenamed_ReturnsTheWrittenManifest()
    {
        var (planner, task, assembler) = Pieces();
        var plan = planner.Plan(TaskSpecification);
        var request = Guid.NewGuid();
        var files = plan.Datasets.SelectMany(d => task.Run(request, "S1", TaskSpecification, plan.Batches, d)).ToList();
        var first = assembler.Assemble(request, TaskPermit, "anna.researcher", TaskSpecification, plan.Batches, files);

        var again = assembler.Assemble(request, TaskPermit, "anna.researcher", TaskSpecification, plan.Batches, files);

        Assert.That(again.CreatedAt, Is.EqualTo(first.CreatedAt), "an interrupted assembly redone keeps the delivery as it was published");
    }

    private (ExtractionPlanner Planner, DatasetTask Task, DeliveryAssembler Assembler) Pieces()
    {
        var assembler = new DeliveryAssembler(new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), _layout, RegisterCatalog.Shipped, TimeProvider.System);
        return (new ExtractionPlanner(_layout, RegisterCatalog.Shipped), new DatasetTask(_layout, RegisterCatalog.Shipped, assembler, _pseudonymizer), assembler);
    }
}
