namespace Lake.Coordinator.Tests.ControlPlane;

public sealed class OutboxStoreTests
{
    private ControlPlaneStores _stores = null!;

    [SetUp]
    public void CreateStores() => _stores = new ControlPlaneStores();

    [TearDown]
    public void DeleteStores() => _stores.Dispose();

    [Test]
    public async Task Pending_MessageQueuedWithAStateChange_PendingUntilMarkedSent()
    {
        var id = await _stores.AcceptedRequestAsync();

        var pending = await _stores.Outbox.PendingAsync(10, CancellationToken.None);
        Assert.That(pending.Select(m => (m.RequestId, m.MessageType)), Is.EqualTo(new[] { (id, typeof(ControlPlaneStores.Probe).FullName) }));
        Assert.That(pending[0].Body, Does.Contain("\"dataset\": \"start\""));

        await _stores.Outbox.MarkSentAsync(pending[0].Sequence, CancellationToken.None);
        Assert.That(await _stores.Outbox.PendingAsync(10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Pending_MoreThanTheLimit_OldestFirstUpToTheLimit()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
            ids.Add(await _stores.AcceptedRequestAsync());

        var pending = await _stores.Outbox.PendingAsync(2, CancellationToken.None);

        Assert.That(pending.Select(m => m.RequestId), Is.EqualTo(ids.Take(2)));
        Assert.That(pending.Select(m => m.Sequence), Is.Ordered.Ascending);
    }
}
