using Microsoft.Data.Sqlite;
using static Lake.Coordinator.ControlPlane.ControlPlaneSql;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// Data requests in the control plane: each with its state and the history of how it got there.
/// A state change and the messages that follow from it are one transaction, so a crash leaves
/// both or neither, and the outbox dispatcher sends what was queued.
/// </summary>
public sealed class RequestStore(ControlPlaneDataSource dataSource, TimeProvider time)
{
    public async Task CreateAsync(Guid id, string? permitId, string requestedBy, string specificationJson, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        var now = Instant(time.GetUtcNow());
        await ExecuteAsync(connection, """
            INSERT INTO requests (id, permit_id, requested_by, specification, state, created_at)
            VALUES ($id, $permit, $user, $spec, $state, $now)
            """, cancellationToken,
            ("$id", id.ToString()), ("$permit", permitId), ("$user", requestedBy), ("$spec", specificationJson),
            ("$state", RequestState.Submitted.ToString()), ("$now", now));
        await AddEventAsync(connection, id, RequestState.Submitted, null, now, cancellationToken);
        await CommitAsync(connection, cancellationToken);
    }

    /// <summary>Changes a request's state, with <paramref name="detail"/> as the reason of a refusal or failure.</summary>
    public Task SetStateAsync(Guid id, RequestState state, string? detail, CancellationToken cancellationToken) =>
        SetStateAsync(id, state, detail, outbox: [], cancellationToken);

    /// <summary>Changes a request's state and queues the messages that follow from it, in one transaction.</summary>
    public async Task SetStateAsync(Guid id, RequestState state, string? detail, IReadOnlyList<object> outbox, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        var now = Instant(time.GetUtcNow());
        foreach (var message in outbox)
            await EnqueueAsync(connection, id, message, now, cancellationToken);
        await UpdateStateAsync(connection, id, state, detail, now, cancellationToken);
        await CommitAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Ends a request on its way (accepted, extracting or assembling) as delivered or failed. False
    /// when it has ended already, so that of two racing outcomes only the first is recorded and audited.
    /// </summary>
    public async Task<bool> FinishIfActiveAsync(Guid requestId, RequestState state, string detail, string? deliveryFolder, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        if (await StateOfAsync(connection, requestId, cancellationToken) is not (RequestState.Accepted or RequestState.Extracting or RequestState.Assembling))
            return false; // Closing the connection rolls back.
        await UpdateStateAsync(connection, requestId, state, detail, Instant(time.GetUtcNow()), cancellationToken, deliveryFolder);
        await CommitAsync(connection, cancellationToken);
        return true;
    }

    /// <summary>The request with its history, or null when it is not recorded.</summary>
    public async Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        var found = await RowsAsync(connection, $"{SelectRequest} WHERE id = $id", ReadRequest, cancellationToken, ("$id", id.ToString()));
        return found.Count == 0 ? null : found[0] with { History = await HistoryAsync(connection, id, cancellationToken) };
    }

    /// <summary>Every request with its history, newest first.</summary>
    public async Task<IReadOnlyList<RequestRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        var requests = await RowsAsync(connection, $"{SelectRequest} ORDER BY created_at DESC", ReadRequest, cancellationToken);
        var events = await RowsAsync(connection, "SELECT request_id, at, state, detail FROM request_events ORDER BY rowid",
            reader => (RequestId: Guid.Parse(reader.GetString(0)), Event: ReadEvent(reader, 1)), cancellationToken);
        var history = events.ToLookup(e => e.RequestId, e => e.Event);
        return requests.Select(request => request with { History = history[request.Id].ToList() }).ToList();
    }

    private const string SelectRequest = "SELECT id, permit_id, requested_by, specification, state, reason, delivery_folder, created_at FROM requests";

    private static RequestRecord ReadRequest(SqliteDataReader reader) => new()
    {
        Id = Guid.Parse(reader.GetString(0)),
        PermitId = reader.IsDBNull(1) ? null : reader.GetString(1),
        RequestedBy = reader.GetString(2),
        SpecificationJson = reader.GetString(3),
        State = Enum.Parse<RequestState>(reader.GetString(4)),
        Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
        DeliveryFolder = reader.IsDBNull(6) ? null : reader.GetString(6),
        CreatedAt = ParseInstant(reader.GetString(7)),
    };

    private static Task<List<RequestEvent>> HistoryAsync(SqliteConnection connection, Guid id, CancellationToken cancellationToken) =>
        RowsAsync(connection, "SELECT at, state, detail FROM request_events WHERE request_id = $id ORDER BY rowid", reader => ReadEvent(reader, 0), cancellationToken, ("$id", id.ToString()));

    private static RequestEvent ReadEvent(SqliteDataReader reader, int first) => new(
        ParseInstant(reader.GetString(first)),
        Enum.Parse<RequestState>(reader.GetString(first + 1)),
        reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));
}
