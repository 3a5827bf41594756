using Lake.Coordinator.ControlPlane;

namespace Lake.Coordinator.Tests.ControlPlane;

/// <summary>Every store of one fresh control-plane database, on a clock that steps a second per reading.</summary>
internal sealed class ControlPlaneStores : IDisposable
{
    private readonly TempDirectory _folder = new("lake-control-plane-tests");

    public ControlPlaneStores()
    {
        DatabasePath = _folder.File("control/control.db");
        var dataSource = new ControlPlaneDataSource(DatabasePath);
        Permits = new PermitStore(dataSource, Clock);
        Requests = new RequestStore(dataSource, Clock);
        Plans = new ExtractionPlanStore(dataSource, Clock);
        Outbox = new OutboxStore(dataSource, Clock);
    }

    public string DatabasePath { get; }

    public SteppingClock Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public PermitStore Permits { get; }

    public RequestStore Requests { get; }

    public ExtractionPlanStore Plans { get; }

    public OutboxStore Outbox { get; }

    /// <summary>A request accepted under permit P1, its start message (a <see cref="Probe"/>) queued.</summary>
    public async Task<Guid> AcceptedRequestAsync()
    {
        var id = Guid.NewGuid();
        await Requests.CreateAsync(id, "P1", "anna", "{}", CancellationToken.None);
        await Requests.SetStateAsync(id, RequestState.Accepted, "permit P1", [new Probe("start")], CancellationToken.None);
        return id;
    }

    /// <summary>Marks every queued message sent, as the dispatcher would after publishing.</summary>
    public async Task SendAllAsync()
    {
        foreach (var message in await Outbox.PendingAsync(100, CancellationToken.None))
            await Outbox.MarkSentAsync(message.Sequence, CancellationToken.None);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Stands for any message; the store keeps its type name and JSON.</summary>
    public sealed record Probe(string Dataset);
}
