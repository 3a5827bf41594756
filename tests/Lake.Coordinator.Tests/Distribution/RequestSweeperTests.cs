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
    private RequestStore _requests = null!;
    private ExtractionPlanStore _plans = null!;
    private OutboxStore _outbox = null!;
    private AuditLog _audit = null!;
    private IBusControl _bus = null!;
    private RequestSweeper _sweeper = null!;

    [SetUp]
    public async Task CreateCoordinator()
    {
        _folder = new TempDirectory("lake-extract-tests");
        var database = _folder.File("control/lake.db");
        var dataSource = new ControlPlaneDataSource(database);
        var permits = new PermitStore(dataSource, TimeProvider.System);
        _requests = new RequestStore(dataSource, TimeProvider.System);
        _plans = new ExtractionPlanStore(dataSource, TimeProvider.System);
        _outbox = new OutboxStore(dataSource, TimeProvider.System);
        _audit = new AuditLog(dataSource, KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System), TimeProvider.System);
        await permits.SaveAsync(new Permit
        {
            Id = "P1", StudyId = "S1", Registers = ["diagnosis"], Expires = new DateOnly(2099, 1, 1), Members = ["anna"], RecordedAt = DateTimeOffset.UtcNow,
        }, "recorded", CancellationToken.None);
        var assembler = new DeliveryAssembler(new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), new LakeLayout(_folder.File("lake")), RegisterCatalog.Shipped, TimeProvider.System);
        _bus = Bus.Factory.CreateUsingInMemory(_ => { });
        await _bus.StartAsync();
        var options = Options.Create(new CoordinatorOptions { MaxRedrives = 2 });
        var outcomes = new ExtractionOutcomes(_requests, permits, _plans, _audit, assembler, new LakeMetrics(new StandaloneMeterFactory()), TimeProvider.System,
            NullLogger<ExtractionOutcomes>.Instance);
        var outbox = new OutboxDispatcher(_outbox, _bus, options, NullLogger<OutboxDispatcher>.Instance);
        _sweeper = new RequestSweeper(_requests, _plans, outcomes, outbox, _bus, options, TimeProvider.System, NullLogger<RequestSweeper>.Instance);
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
        var id = await ExtractingRequestAsync("cohort", "diagnosis");
        await _plans.CompleteTaskAsync(id, "cohort", "[]", CancellationToken.None);

        await _sweeper.SweepAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That((await _outbox.PendingAsync(10, CancellationToken.None)).Select(m => m.Body), Has.Exactly(1).Items.And.All.Contain("diagnosis"));
        Assert.That((await _requests.FindAsync(id, CancellationToken.None))!.State, Is.EqualTo(RequestState.Extracting));
    }

    [Test]
    public async Task Sweep_RequestThatMovedSinceTheCutoff_LeftAlone()
    {
        var cutoff = DateTimeOffset.UtcNow;
        await ExtractingRequestAsync("cohort");

        await _sweeper.SweepAsync(cutoff, CancellationToken.None);

        Assert.That(await _outbox.PendingAsync(10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Sweep_MoreThanMaxRedrives_FailsTheRequestWithTheReasonOnce()
    {
        var id = await ExtractingRequestAsync("cohort");

        for (var sweep = 0; sweep < 4; sweep++)
            await _sweeper.SweepAsync(DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);

        var request = (await _requests.FindAsync(id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Failed));
            Assert.That(request.Reason, Does.Contain("no progress after 2 re-drives"));
            Assert.That(request.History.Count(e => e.Detail?.StartsWith(ExtractionPlanStore.RedriveDetail, StringComparison.Ordinal) == true), Is.EqualTo(2));
            Assert.That(_audit.ReadAll().Count(e => e.Outcome == "failed"), Is.EqualTo(1));
        });
    }

    private async Task<Guid> ExtractingRequestAsync(params string[] datasets)
    {
        var id = Guid.NewGuid();
        await _requests.CreateAsync(id, "P1", "anna", "{}", CancellationToken.None);
        await _requests.SetStateAsync(id, RequestState.Accepted, "permit P1", CancellationToken.None);
        await _plans.RecordAsync(id, ["b1"], [.. datasets.Select(d => (d, (object)new { Dataset = d }))], CancellationToken.None);
        foreach (var message in await _outbox.PendingAsync(100, CancellationToken.None))
            await _outbox.MarkSentAsync(message.Sequence, CancellationToken.None);
        return id;
    }
}
