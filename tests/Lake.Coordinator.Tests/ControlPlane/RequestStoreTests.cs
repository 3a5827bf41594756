using Lake.Coordinator.ControlPlane;

namespace Lake.Coordinator.Tests.ControlPlane;

public sealed class RequestStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ControlPlaneStores _stores = null!;

    private RequestStore Requests => _stores.Requests;

    [SetUp]
    public void CreateStores() => _stores = new ControlPlaneStores();

    [TearDown]
    public void DeleteStores() => _stores.Dispose();

    [Test]
    public async Task Create_New_IsSubmittedWithOneEvent()
    {
        var id = Guid.NewGuid();

        await Requests.CreateAsync(id, "THL/123/2025", "anna", """{"title":"x"}""", None);

        var request = (await Requests.FindAsync(id, None))!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Submitted));
            Assert.That(request.PermitId, Is.EqualTo("THL/123/2025"));
            Assert.That(request.RequestedBy, Is.EqualTo("anna"));
            Assert.That(request.SpecificationJson, Is.EqualTo("""{"title":"x"}"""));
            Assert.That(request.CreatedAt, Is.EqualTo(_stores.Clock.Start));
            Assert.That(request.History.Select(e => e.State), Is.EqualTo(new[] { RequestState.Submitted }));
        });
    }

    [Test]
    public async Task Find_AfterSeveralStates_HistoryInOrder()
    {
        var id = Guid.NewGuid();
        await Requests.CreateAsync(id, "THL/123/2025", "anna", "{}", None);
        await Requests.SetStateAsync(id, RequestState.Accepted, null, None);
        await Requests.SetStateAsync(id, RequestState.Extracting, "3 datasets", None);
        await Requests.FinishIfActiveAsync(id, RequestState.Delivered, "2 files", "deliveries/x", None);

        var request = (await Requests.FindAsync(id, None))!;

        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Delivered));
            Assert.That(request.DeliveryFolder, Is.EqualTo("deliveries/x"));
            Assert.That(request.Reason, Is.Null);
            Assert.That(request.History.Select(e => e.State), Is.EqualTo(new[]
            {
                RequestState.Submitted, RequestState.Accepted, RequestState.Extracting, RequestState.Delivered,
            }));
            Assert.That(request.History.Select(e => e.Detail), Is.EqualTo(new[] { null, null, "3 datasets", "2 files" }));
            Assert.That(request.History.Select(e => e.At), Is.Ordered.Ascending);
            Assert.That(request.History[^1].At, Is.GreaterThan(request.History[0].At));
        });
    }

    [Test]
    public async Task SetState_Refused_RecordsReason()
    {
        var id = Guid.NewGuid();
        await Requests.CreateAsync(id, null, "anna", "{}", None);

        await Requests.SetStateAsync(id, RequestState.Refused, "no permit", None);

        var request = (await Requests.FindAsync(id, None))!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Refused));
            Assert.That(request.Reason, Is.EqualTo("no permit"));
            Assert.That(request.PermitId, Is.Null);
        });
    }

    [Test]
    public async Task SetState_UnknownRequest_ThrowsAndRecordsNoEvent()
    {
        var known = Guid.NewGuid();
        await Requests.CreateAsync(known, null, "anna", "{}", None);
        var unknown = Guid.NewGuid();

        await Assert.ThatAsync(() => Requests.SetStateAsync(unknown, RequestState.Accepted, null, None),
            Throws.InvalidOperationException.With.Message.Contains(unknown.ToString()));
        Assert.That(await Requests.FindAsync(unknown, None), Is.Null);
    }

    [Test]
    public async Task SetState_WithMessageForUnknownRequest_QueuesNothing()
    {
        await Assert.ThatAsync(() => Requests.SetStateAsync(Guid.NewGuid(), RequestState.Accepted, null, [new ControlPlaneStores.Probe("start")], None),
            Throws.InvalidOperationException);

        Assert.That(await _stores.Outbox.PendingAsync(10, None), Is.Empty, "the state change and its message are one transaction");
    }

    [Test]
    public async Task SetState_AfterFailedCall_StoreStillUsable()
    {
        var id = Guid.NewGuid();
        await Requests.CreateAsync(id, null, "anna", "{}", None);
        await Assert.ThatAsync(() => Requests.SetStateAsync(Guid.NewGuid(), RequestState.Accepted, null, None), Throws.InvalidOperationException);

        await Requests.SetStateAsync(id, RequestState.Accepted, null, None);

        Assert.That((await Requests.FindAsync(id, None))!.History, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Find_Unknown_ReturnsNull()
    {
        Assert.That(await Requests.FindAsync(Guid.NewGuid(), None), Is.Null);
    }

    [Test]
    public async Task FinishIfActive_RequestEndedAlready_KeepsTheFirstOutcome()
    {
        var id = await _stores.AcceptedRequestAsync();

        Assert.That(await Requests.FinishIfActiveAsync(id, RequestState.Failed, "disk full", null, None), Is.True);
        Assert.That(await Requests.FinishIfActiveAsync(id, RequestState.Delivered, "3 files", "/delivery", None), Is.False);
        Assert.That((await Requests.FindAsync(id, None))!.Reason, Is.EqualTo("disk full"));
    }

    [Test]
    public async Task List_SeveralRequests_NewestFirstEachWithItsOwnHistory()
    {
        var first = await _stores.AcceptedRequestAsync();
        var second = Guid.NewGuid();
        await Requests.CreateAsync(second, null, "ben", "{}", None);
        await Requests.SetStateAsync(second, RequestState.Refused, "no permit", None);

        var requests = await Requests.ListAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Id), Is.EqualTo(new[] { second, first }));
            Assert.That(requests[0].History.Select(e => e.State), Is.EqualTo(new[] { RequestState.Submitted, RequestState.Refused }));
            Assert.That(requests[1].History.Select(e => e.State), Is.EqualTo(new[] { RequestState.Submitted, RequestState.Accepted }));
        });
    }
}
