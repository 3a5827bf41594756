using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Pseudonymization;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Tests.Distribution;

public sealed class RequestSweeperTests
{
    private TempDirectory _folder = null!;
    private ControlPlaneStore _store = null!;
    private AuditLog _audit = null!;
    private IBusControl _bus = null!;
    private RequestSweeper _sweeper = null!;

    [SetUp]
    public async Task CreateCoordinator()
    {
        _folder = new TempDirectory("lake-extract-tests");
        var database = _folder.File("control/lake.db");
        _store = new ControlPlaneStore(new ControlPlaneDataSource(database), TimeProvider.System);
        _audit = new AuditLog(new ControlPlaneDataSource(database), KeyRing.OpenOrCreate(_folder.File("keys/keyring.json")), TimeProvider.System);
        _store.SavePermit(new Permit
        {
            Id = "P1", StudyId = "S1", Registers = ["diagnosis"], Expires = new DateOnly(2099, 1, 1), Members = ["anna"], RecordedAt = DateTimeOffset.UtcNow,
        });
        var assembler = new DeliveryAssembler(new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), new LakeLayout(_folder.File("lake")), RegisterCatalog.Shipped, TimeProvider.System);
        _bus = Bus.Factory.CreateUsingInMemory(_ => { });
        await _bus.StartAsync();
        var options = Options.Create(new CoordinatorOptions { MaxRedrives = 2 });
        var outcomes = new ExtractionOutcomes(_store, _audit, assembler, new LakeMetrics(new StandaloneMeterFactory()), NullLogger<ExtractionOutcomes>.Instance);
        var outbox = new OutboxDispatcher(_store, _bus, options, NullLogger<OutboxDispatcher>.Instance);
        _sweeper = new RequestSweeper(_store, outcomes, outbox, _bus, options, NullLogger<RequestSweeper>.Instance);
    }

    [TearDown]
    public async Task Remove()
    {
        _sweeper.Dispose();
        await _bus.StopAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Sweep_ExtractingRequestStalled_QueuesItsUnfinishedTasksAgain()
    {
        var id = ExtractingRequest("cohort", "diagnosis");
        _store.CompleteTask(id, "cohort", "[]");

        await _sweeper.SweepAsync(_store.Now, CancellationToken.None);

        Assert.That(_store.PendingMessages(10).Select(m => m.Body), Has.Exactly(1).Items.And.All.Contain("diagnosis"));
        Assert.That(_store.FindRequest(id)!.State, Is.EqualTo(RequestState.Extracting));
    }

    [Test]
    public async Task Sweep_RequestThatMovedSinceTheCutoff_LeftAlone()
    {
        var cutoff = _store.Now;
        ExtractingRequest("cohort");

        await _sweeper.SweepAsync(cutoff, CancellationToken.None);

        Assert.That(_store.PendingMessages(10), Is.Empty);
    }

    [Test]
    public async Task Sweep_MoreThanMaxRedrives_FailsTheRequestWithTheReasonOnce()
    {
        var id = ExtractingRequest("cohort");

        for (var sweep = 0; sweep < 4; sweep++)
            await _sweeper.SweepAsync(_store.Now.AddSeconds(1), CancellationToken.None);

        var request = _store.FindRequest(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Failed));
            Assert.That(request.Reason, Does.Contain("no progress after 2 re-drives"));
            Assert.That(request.History.Count(e => e.Detail?.StartsWith(ControlPlaneStore.RedriveDetail, StringComparison.Ordinal) == true), Is.EqualTo(2));
            Assert.That(_audit.ReadAll().Count(e => e.Outcome == "failed"), Is.EqualTo(1));
        });
    }

    private Guid ExtractingRequest(params string[] datasets)
    {
        var id = Guid.NewGuid();
        _store.CreateRequest(id, "P1", "anna", "{}");
        _store.SetState(id, RequestState.Accepted, "permit P1");
        _store.RecordPlan(id, ["b1"], [.. datasets.Select(d => (d, (object)new { Dataset = d }))]);
        foreach (var message in _store.PendingMessages(100))
            _store.MarkSent(message.Sequence);
        return id;
    }
}
