using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Preliminary;

/// <summary>
/// The attacks of docs/disclosure-control.md, each tried as an insider with an ordinary account
/// would, and each refused: differencing by a colleague, a row oracle on a fixed cohort, zero cells
/// that disclose an attribute of the whole group, small cohorts' row counts, and a flood of
/// near-identical questions. Counted in this process, and on an extraction worker over the bus as a
/// coordinator without register keys has it done: the same refusals either way.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class DisclosureAttackTests(bool countedOnWorker)
{
    private WorkerCountingBus? _worker;
    private DiabeticsLake _lake = null!;
    private LakeLayout _layout = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private ControlPlaneDataSource _controlPlane = null!;
    private AuditLog _audit = null!;

    [SetUp]
    public async Task BuildLake()
    {
        _lake = await DiabeticsLake.BuildAsync();
        (_layout, _pseudonymizer, _controlPlane, _audit) = (_lake.Layout, _lake.Pseudonymizer, _lake.ControlPlane, _lake.Audit);
        if (countedOnWorker)
            _worker = await WorkerCountingBus.StartAsync(_layout, _pseudonymizer);

        // Mallory and Bob share a permit: they are one research group.
        await new PermitStore(_controlPlane, TimeProvider.System).SaveAsync(new Permit
        {
            Id = "P-GROUP", StudyId = "S-GROUP", Registers = ["diagnosis"], Expires = new DateOnly(2099, 1, 1), Members = ["mallory", "bob"], RecordedAt = DateTimeOffset.UtcNow,
        }, "recorded", CancellationToken.None);
    }

    [TearDown]
    public async Task RemoveLake()
    {
        if (_worker is not null)
            await _worker.DisposeAsync();
        _lake.Dispose();
    }

    [Test]
    public void Differencing_ByAColleagueOfTheResearchGroup_IsRefusedAndNamesTheGroup()
    {
        Assert.That(Run("mallory", Diabetics()).CohortSize.Value, Is.EqualTo(20));

        Assert.Multiple(() =>
        {
            Assert.That(() => Run("bob", Diabetics(to: new DateOnly(2022, 7, 31))),
                Throws.TypeOf<PreliminaryRefusedException>().With.Message.Contains("your research group (mallory)"), "19 of the 20: the difference is one patient");
            Assert.That(Run("alice", Diabetics(to: new DateOnly(2022, 7, 31))).CohortSize.Value, Is.EqualTo(19), "someone outside the group has nothing to subtract");
        });
    }

    [Test]
    public void RowOracle_OnAFixedSmallCohort_ShowsNoRowCountWhateverTheFilter()
    {
        // Three asthmatics: any count about them would describe those three.
        var shown = new[] { new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 4), new DateOnly(2023, 1, 1) }
            .Select(from => Run("mallory", Asthmatics(from)).Availability.Single())
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(a => a.Total.IsSuppressed), Has.All.True);
            Assert.That(shown.SelectMany(a => a.ByYear).Select(y => y.Rows.ToString()), Has.All.EqualTo("suppressed"));
        });
    }

    [Test]
    public void RowOracle_NarrowingALargeCohortsRows_HidesRowsOfFewPersonsAndRefusesTheNeighbouringAnswer()
    {
        // One patient's diagnosis month: rows of one person are not shown.
        var onePerson = Run("mallory", Diabetics() with { Datasets = [Rows(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 31))] }).Availability.Single();
        // Six months, then seven: both shown alone, but their difference is one person's rows.
        var sixPersons = Run("mallory", Diabetics() with { Datasets = [Rows(new DateOnly(2021, 1, 1), new DateOnly(2021, 6, 30))] }).Availability.Single();

        Assert.Multiple(() =>
        {
            Assert.That(onePerson.Total.ToString(), Is.EqualTo("suppressed"));
            Assert.That(sixPersons.Total.Value, Is.EqualTo(6));
            Assert.That(() => Run("mallory", Diabetics() with { Datasets = [Rows(new DateOnly(2021, 1, 1), new DateOnly(2021, 7, 31))] }),
                Throws.TypeOf<PreliminaryRefusedException>().With.Message.Contains("'diagnosis rows'"));
        });
    }

    [Test]
    public void ZeroCells_ACohortAllOfOneSex_HidesTheSexBreakdownWhole()
    {
        var report = Run("mallory", Diabetics());

        Assert.Multiple(() =>
        {
            Assert.That(report.CohortSize.Value, Is.EqualTo(20));
            Assert.That(report.BySex.Select(c => c.Count.ToString()), Has.All.EqualTo("suppressed"), "female 20, male 0 would say every one of them is a woman");
        });
    }

    [Test]
    public void Budget_SpentBySubject_RefusesAndSaysWhenItResets()
    {
        var policy = new DisclosurePolicy { QueriesPerSubject = 2, QueriesPerGroup = 10 };
        Run("mallory", Diabetics(), policy);
        Run("mallory", Diabetics(), policy);

        Assert.Multiple(() =>
        {
            Assert.That(() => Run("mallory", Diabetics(), policy),
                Throws.TypeOf<PreliminaryRefusedException>().With.Message.Contains("you have asked 2 preliminary studies in the last 1 day").And.Message.Contains("The next is possible after"));
            Assert.That(Run("alice", Diabetics(), policy).CohortSize.Value, Is.EqualTo(20), "another person's budget is their own");
        });
    }

    [Test]
    public void Budget_SpentByTheGroup_RefusesAColleague()
    {
        var policy = new DisclosurePolicy { QueriesPerSubject = 5, QueriesPerGroup = 5 };
        for (var i = 0; i < 5; i++)
            Run("mallory", Diabetics(), policy);

        Assert.That(() => Run("bob", Diabetics(), policy), Throws.TypeOf<PreliminaryRefusedException>().With.Message.Contains("your research group has asked 5"));
    }

    [Test]
    public void Answer_RecordsThePolicyVersionInTheAuditLog()
    {
        Run("mallory", Diabetics(), new DisclosurePolicy { Version = "2026-12-hus-3" });

        Assert.That(_audit.ReadAll().Last().Detail, Does.StartWith("policy 2026-12-hus-3;"));
    }

    private PreliminaryReport Run(string user, StudySpecification specification, DisclosurePolicy? policy = null)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped));
        IPreliminaryCounter counter = _worker?.Counter ?? new SessionPreliminaryCounter(session, _pseudonymizer);
        var study = new PreliminaryStudy(counter, new DisclosureControl(policy ?? new DisclosurePolicy()), _audit, new DifferencingLedger(_controlPlane, TimeProvider.System));
        // No synchronization context here to deadlock on; GetResult rethrows a refusal as itself, for Throws.TypeOf.
        var permits = new PermitStore(_controlPlane, TimeProvider.System).ListAsync(CancellationToken.None).GetAwaiter().GetResult();
        return study.RunAsync(specification, user, ResearchGroup.Of(user, permits)).GetAwaiter().GetResult();
    }

    private static StudySpecification Diabetics(DateOnly? to = null) => new()
    {
        Title = "E11",
        Cohort = new CohortCriteria { Icd10 = ["E11"], To = to },
    };

    private static StudySpecification Asthmatics(DateOnly from) => new()
    {
        Title = "J45",
        Cohort = new CohortCriteria { Icd10 = ["J45"] },
        Datasets = [new DatasetRequest { Register = RegisterNames.Diagnosis, From = from }],
    };

    private static DatasetRequest Rows(DateOnly from, DateOnly to) => new() { Register = RegisterNames.Diagnosis, From = from, To = to };
}
