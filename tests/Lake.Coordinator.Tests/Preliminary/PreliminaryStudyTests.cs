using Lake.Contracts.Registers;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Preliminary;

/// <summary>Preliminary studies over a small lake: suppression, the audit of true counts, and the differencing attack.</summary>
public sealed class PreliminaryStudyTests
{
    private DiabeticsLake _lake = null!;
    private LakeLayout _layout = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private AuditLog _audit = null!;
    private DifferencingLedger _ledger = null!;

    [SetUp]
    public async Task BuildLake()
    {
        _lake = await DiabeticsLake.BuildAsync();
        (_layout, _pseudonymizer, _audit) = (_lake.Layout, _lake.Pseudonymizer, _lake.Audit);
        _ledger = new DifferencingLedger(_lake.ControlPlane, TimeProvider.System);
    }

    [TearDown]
    public void RemoveLake() => _lake.Dispose();

    [Test]
    public void Run_SmallCohort_IsSuppressedAndItsTrueSizeOnlyInTheAuditLog()
    {
        var report = Run("alice", Cohort(["J45"]));

        Assert.Multiple(() =>
        {
            Assert.That(report.CohortSize.IsSuppressed, Is.True);
            Assert.That(report.CohortSize.ToString(), Is.EqualTo("1-5"));
            Assert.That(_audit.ReadAll().Single().Detail, Does.Contain("\"cohort\":3"));
        });
    }

    [Test]
    public void Run_DifferencingAttack_SecondCohortDifferingByFewPatientsIsRefused()
    {
        // 20 patients, then the same minus the two diagnosed last: both counts are above the
        // threshold, but their difference (2) would be a count nobody may see.
        var all = Run("mallory", Cohort(["E11"]));
        var allButTwo = Cohort(["E11"], to: new DateOnly(2022, 6, 30));

        Assert.Multiple(() =>
        {
            Assert.That(all.CohortSize.Value, Is.EqualTo(20));
            Assert.That(() => Run("mallory", allButTwo), Throws.TypeOf<PreliminaryRefusedException>().With.Message.Contains("differs from the same count of your preliminary study"));
            Assert.That(_audit.ReadAll().Last().Outcome, Is.EqualTo("refused"));
            Assert.That(Run("alice", allButTwo).CohortSize.Value, Is.EqualTo(18), "another user has no earlier cohort to subtract");
            Assert.That(Run("mallory", Cohort(["E11"], to: new DateOnly(2021, 12, 31))).CohortSize.Value, Is.EqualTo(12), "a cohort differing by many is answered");
            Assert.That(Run("mallory", Cohort(["E11"])).CohortSize.Value, Is.EqualTo(20), "the same cohort again reveals nothing new");
        });
    }

    [Test]
    public void Run_DatasetWithPeriodAndFilter_CountsOnlyTheRowsTheRequestWouldDeliver()
    {
        var whole = Cohort(["E11"]) with { Datasets = [new DatasetRequest { Register = "diagnosis" }] };
        var narrowed = whole with
        {
            Datasets = [new DatasetRequest { Register = "diagnosis", From = new DateOnly(2022, 1, 1), Filters = [new DatasetFilter { Column = "code", In = ["E11.9"] }] }],
        };

        var all = Run("alice", whole).Availability.Single();
        var some = Run("alice", narrowed).Availability.Single();

        Assert.Multiple(() =>
        {
            Assert.That(all.Total.Value, Is.EqualTo(20));
            Assert.That(some.Total.Value, Is.EqualTo(8), "one a month from January 2021 to August 2022: eight in 2022");
            Assert.That(some.ByYear.Select(y => y.Year), Is.EqualTo(new[] { "2022" }));
        });
    }

    private PreliminaryReport Run(string user, StudySpecification specification)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped));
        // The in-process counter completes synchronously; GetResult rethrows a refusal as itself.
        return new PreliminaryStudy(session, _pseudonymizer, new DisclosureControl(), _audit, _ledger).RunAsync(specification, user).GetAwaiter().GetResult();
    }

    private static StudySpecification Cohort(string[] codes, DateOnly? to = null) => new()
    {
        Title = string.Join("+", codes),
        Cohort = new CohortCriteria { Icd10 = codes, To = to },
    };
}
