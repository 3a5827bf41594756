using Lake.Coordinator.ControlPlane;

namespace Lake.Coordinator.Tests.ControlPlane;

/// <summary>Each extraction's plan and tasks, and the re-drive of stalled requests.</summary>
public sealed class ExtractionPlanStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] Batches = ["b1", "b2"];

    private ControlPlaneStores _stores = null!;

    private ExtractionPlanStore Plans => _stores.Plans;

    [SetUp]
    public void CreateStores() => _stores = new ControlPlaneStores();

    [TearDown]
    public void DeleteStores() => _stores.Dispose();

    [Test]
    public async Task Record_AcceptedRequest_QueuesOneMessagePerTaskAndExtracts()
    {
        var id = await _stores.AcceptedRequestAsync();
        await _stores.SendAllAsync();

        Assert.That(await Plans.RecordAsync(id, Batches, Tasks("cohort", "diagnosis"), None), Is.True);

        var pending = await _stores.Outbox.PendingAsync(10, None);
        var state = (await _stores.Requests.FindAsync(id, None))!.State;
        var batches = await Plans.BatchesAsync(id, None);
        Assert.Multiple(() =>
        {
            Assert.That(state, Is.EqualTo(RequestState.Extracting));
            Assert.That(batches, Is.EqualTo(Batches));
            Assert.That(pending.Select(m => m.Body).ToList(), Has.Count.EqualTo(2).And.Some.Contains("diagnosis"));
        });
    }

    [Test]
    public async Task Record_Twice_SecondQueuesNothing()
    {
        var id = await _stores.AcceptedRequestAsync();
        await _stores.SendAllAsync();
        await Plans.RecordAsync(id, Batches, Tasks("cohort"), None);
        await _stores.SendAllAsync();

        Assert.That(await Plans.RecordAsync(id, Batches, Tasks("cohort"), None), Is.False);
        Assert.That(await _stores.Outbox.PendingAsync(10, None), Is.Empty);
    }

    [Test]
    public async Task Progress_OneOfTwoTasksDone_CountsDoneAndTotal()
    {
        var id = await _stores.AcceptedRequestAsync();
        await Plans.RecordAsync(id, Batches, Tasks("cohort", "diagnosis"), None);
        var before = await Plans.ProgressAsync(id, None);

        await Plans.CompleteTaskAsync(id, "cohort", "[]", None);
        var after = await Plans.ProgressAsync(id, None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new TaskProgress(0, 2)));
            Assert.That(after, Is.EqualTo(new TaskProgress(1, 2)));
        });
    }

    [Test]
    public async Task Progress_NoPlan_Null()
    {
        var id = await _stores.AcceptedRequestAsync();

        Assert.That(await Plans.ProgressAsync(id, None), Is.Null);
    }

    [Test]
    public async Task Batches_NoPlan_Null()
    {
        var id = await _stores.AcceptedRequestAsync();

        Assert.That(await Plans.BatchesAsync(id, None), Is.Null);
    }

    [Test]
    public async Task CompleteTask_EachTaskTwice_RecordedOnceAndTheLastClaimsTheAssembly()
    {
        var id = await _stores.AcceptedRequestAsync();
        await Plans.RecordAsync(id, Batches, Tasks("cohort", "diagnosis"), None);

        var outcomes = new[]
        {
            await Plans.CompleteTaskAsync(id, "diagnosis", "[2]", None),
            await Plans.CompleteTaskAsync(id, "diagnosis", "[\"again\"]", None),
            await Plans.CompleteTaskAsync(id, "cohort", "[1]", None),
            await Plans.CompleteTaskAsync(id, "cohort", "[\"again\"]", None),
        };

        var files = await Plans.CompletedTaskFilesAsync(id, None);
        var state = (await _stores.Requests.FindAsync(id, None))!.State;
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[] { TaskCompletion.Recorded, TaskCompletion.AlreadyRecorded, TaskCompletion.LastOfRequest, TaskCompletion.AlreadyRecorded }));
            Assert.That(files, Is.EqualTo(new[] { "[1]", "[2]" }), "in the plan's order, the first report of each");
            Assert.That(state, Is.EqualTo(RequestState.Assembling));
        });
    }

    [Test]
    public async Task Redrive_ExtractingRequest_QueuesOnlyTheTasksNotDone()
    {
        var id = await _stores.AcceptedRequestAsync();
        await Plans.RecordAsync(id, Batches, Tasks("cohort", "diagnosis"), None);
        await _stores.SendAllAsync();
        await Plans.CompleteTaskAsync(id, "cohort", "[]", None);

        Assert.That(await Plans.RedriveAsync(id, None), Is.EqualTo(1));

        Assert.That((await _stores.Outbox.PendingAsync(10, None)).Single().Body, Does.Contain("diagnosis"));
        Assert.That((await _stores.Requests.FindAsync(id, None))!.History[^1].Detail, Does.StartWith(ExtractionPlanStore.RedriveDetail));
    }

    [Test]
    public async Task Redrive_AcceptedRequest_QueuesItsStartAgain()
    {
        var id = await _stores.AcceptedRequestAsync();
        await _stores.SendAllAsync();

        Assert.That(await Plans.RedriveAsync(id, None), Is.EqualTo(1));

        Assert.That((await _stores.Outbox.PendingAsync(10, None)).Single().Body, Does.Contain("start"));
    }

    [Test]
    public async Task Stalled_OnlyRequestsOnTheirWayThatHaveNotMoved()
    {
        var stalled = await _stores.AcceptedRequestAsync();
        var ended = await _stores.AcceptedRequestAsync();
        await _stores.Requests.FinishIfActiveAsync(ended, RequestState.Failed, "gone", null, None);
        var cutoff = _stores.Clock.GetUtcNow();
        var moving = await _stores.AcceptedRequestAsync();

        Assert.That((await Plans.StalledAsync(cutoff, None)).Select(r => r.RequestId), Is.EqualTo(new[] { stalled }));
        Assert.That((await Plans.StalledAsync(_stores.Clock.GetUtcNow(), None)).Select(r => r.RequestId), Is.EquivalentTo(new[] { stalled, moving }));
    }

    private static List<(string Dataset, object Message)> Tasks(params string[] datasets) =>
        [.. datasets.Select(d => (d, (object)new ControlPlaneStores.Probe(d)))];
}
