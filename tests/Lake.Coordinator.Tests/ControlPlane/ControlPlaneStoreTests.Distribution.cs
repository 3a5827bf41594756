using Lake.Coordinator.ControlPlane;

namespace Lake.Coordinator.Tests.ControlPlane;

/// <summary>The coordinator's outbox, plans and tasks.</summary>
public sealed partial class ControlPlaneStoreTests
{
    private static readonly string[] Batches = ["b1", "b2"];

    [Test]
    public void SetState_WithOutboxMessage_MessagePendingUntilMarkedSent()
    {
        var id = AcceptedRequest();

        var pending = _store.PendingMessages(10);
        Assert.That(pending.Select(m => (m.RequestId, m.MessageType)), Is.EqualTo(new[] { (id, typeof(Probe).FullName) }));
        Assert.That(pending[0].Body, Does.Contain("\"dataset\": \"start\""));

        _store.MarkSent(pending[0].Sequence);
        Assert.That(_store.PendingMessages(10), Is.Empty);
    }

    [Test]
    public void RecordPlan_AcceptedRequest_QueuesOneMessagePerTaskAndExtracts()
    {
        var id = AcceptedRequest();
        SendAll();

        Assert.That(_store.RecordPlan(id, Batches, Tasks("cohort", "diagnosis")), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(_store.FindRequest(id)!.State, Is.EqualTo(RequestState.Extracting));
            Assert.That(_store.PlannedBatches(id), Is.EqualTo(Batches));
            Assert.That(_store.PendingMessages(10).Select(m => m.Body).ToList(), Has.Count.EqualTo(2).And.Some.Contains("diagnosis"));
        });
    }

    [Test]
    public void RecordPlan_Twice_SecondQueuesNothing()
    {
        var id = AcceptedRequest();
        SendAll();
        _store.RecordPlan(id, Batches, Tasks("cohort"));
        SendAll();

        Assert.That(_store.RecordPlan(id, Batches, Tasks("cohort")), Is.False);
        Assert.That(_store.PendingMessages(10), Is.Empty);
    }

    [Test]
    public void CompleteTask_EachTaskTwice_RecordedOnceAndTheLastClaimsTheAssembly()
    {
        var id = AcceptedRequest();
        _store.RecordPlan(id, Batches, Tasks("cohort", "diagnosis"));

        var outcomes = new[]
        {
            _store.CompleteTask(id, "diagnosis", "[2]"),
            _store.CompleteTask(id, "diagnosis", "[\"again\"]"),
            _store.CompleteTask(id, "cohort", "[1]"),
            _store.CompleteTask(id, "cohort", "[\"again\"]"),
        };

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[] { TaskCompletion.Recorded, TaskCompletion.AlreadyRecorded, TaskCompletion.LastOfRequest, TaskCompletion.AlreadyRecorded }));
            Assert.That(_store.CompletedTaskFiles(id), Is.EqualTo(new[] { "[1]", "[2]" }), "in the plan's order, the first report of each");
            Assert.That(_store.FindRequest(id)!.State, Is.EqualTo(RequestState.Assembling));
        });
    }

    [Test]
    public void FinishIfActive_RequestEndedAlready_KeepsTheFirstOutcome()
    {
        var id = AcceptedRequest();

        Assert.That(_store.FinishIfActive(id, RequestState.Failed, "disk full"), Is.True);
        Assert.That(_store.FinishIfActive(id, RequestState.Delivered, "3 files", "/delivery"), Is.False);
        Assert.That(_store.FindRequest(id)!.Reason, Is.EqualTo("disk full"));
    }

    [Test]
    public void Redrive_ExtractingRequest_QueuesOnlyTheTasksNotDone()
    {
        var id = AcceptedRequest();
        _store.RecordPlan(id, Batches, Tasks("cohort", "diagnosis"));
        SendAll();
        _store.CompleteTask(id, "cohort", "[]");

        Assert.That(_store.Redrive(id), Is.EqualTo(1));

        Assert.That(_store.PendingMessages(10).Single().Body, Does.Contain("diagnosis"));
        Assert.That(_store.FindRequest(id)!.History[^1].Detail, Does.StartWith(ControlPlaneStore.RedriveDetail));
    }

    [Test]
    public void StalledRequests_OnlyRequestsOnTheirWayThatHaveNotMoved()
    {
        var stalled = AcceptedRequest();
        var ended = AcceptedRequest();
        _store.FinishIfActive(ended, RequestState.Failed, "gone");
        var cutoff = _store.Now;
        var moving = AcceptedRequest();

        Assert.That(_store.StalledRequests(cutoff).Select(r => r.RequestId), Is.EqualTo(new[] { stalled }));
        Assert.That(_store.StalledRequests(_store.Now).Select(r => r.RequestId), Is.EquivalentTo(new[] { stalled, moving }));
    }

    private Guid AcceptedRequest()
    {
        var id = Guid.NewGuid();
        _store.CreateRequest(id, "P1", "anna", "{}");
        _store.SetState(id, RequestState.Accepted, "permit P1", null, [new Probe("start")]);
        return id;
    }

    private void SendAll()
    {
        foreach (var message in _store.PendingMessages(100))
            _store.MarkSent(message.Sequence);
    }

    private static List<(string Dataset, object Message)> Tasks(params string[] datasets) =>
        [.. datasets.Select(d => (d, (object)new Probe(d)))];

    /// <summary>Stands for any message; the store keeps its type name and JSON.</summary>
    private sealed record Probe(string Dataset);
}
