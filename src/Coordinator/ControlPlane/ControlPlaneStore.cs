using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// Permits (every version) and requests in the control-plane database (<see cref="ControlPlaneDataSource"/>,
/// embedded SQLite): one file, no server, safe for the single-process mode and for a coordinator.
/// Every statement is parameterised.
/// </summary>
public sealed partial class ControlPlaneStore
{
    private readonly ControlPlaneDataSource _dataSource;
    private readonly TimeProvider _time;

    public ControlPlaneStore(ControlPlaneDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Records a permit's new version with what changed. Every version is kept, so an audit can
    /// say under which scope and group a request was decided.
    /// </summary>
    public void SavePermit(Permit permit, string change = "recorded")
    {
        using var connection = Open();
        Execute(connection, "INSERT INTO permit_versions (permit_id, version, at, change, document) VALUES ($id, $version, $at, $change, $document)",
            ("$id", permit.Id), ("$version", permit.Version), ("$at", Now.ToString("O")), ("$change", change),
            ("$document", JsonSerializer.Serialize(permit, Lake.Contracts.Lake.LakeJson.Options)));
    }

    /// <summary>The permit's latest version.</summary>
    public Permit? FindPermit(string id)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT document FROM permit_versions WHERE permit_id = $id ORDER BY version DESC LIMIT 1", ("$id", id));
        return command.ExecuteScalar() is string document ? JsonSerializer.Deserialize<Permit>(document, Lake.Contracts.Lake.LakeJson.Options) : null;
    }

    public IReadOnlyList<(int Version, DateTimeOffset At, string Change)> PermitHistory(string id)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT version, at, change FROM permit_versions WHERE permit_id = $id ORDER BY version", ("$id", id));
        using var reader = command.ExecuteReader();
        var history = new List<(int, DateTimeOffset, string)>();
        while (reader.Read())
            history.Add((reader.GetInt32(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2)));
        return history;
    }

    /// <summary>Latest versions of every permit.</summary>
    public IReadOnlyList<Permit> ListPermits()
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT DISTINCT permit_id FROM permit_versions ORDER BY permit_id");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids.Select(id => FindPermit(id)!).ToList();
    }

    public void CreateRequest(Guid id, string? permitId, string requestedBy, string specificationJson)
    {
        using var connection = Open();
        // A raw BEGIN rather than BeginTransaction(): the helpers below then need no transaction
        // handed to every command, and closing the connection on an exception rolls back.
        Execute(connection, "BEGIN IMMEDIATE");
        var now = Now.ToString("O");
        Execute(connection, """
            INSERT INTO requests (id, permit_id, requested_by, specification, state, created_at)
            VALUES ($id, $permit, $user, $spec, $state, $now)
            """,
            ("$id", id.ToString()), ("$permit", permitId), ("$user", requestedBy), ("$spec", specificationJson),
            ("$state", RequestState.Submitted.ToString()), ("$now", now));
        AddEvent(connection, id, RequestState.Submitted, null, now);
        Execute(connection, "COMMIT");
    }

    public void SetState(Guid id, RequestState state, string? detail = null, string? deliveryFolder = null) =>
        SetState(id, state, detail, deliveryFolder, outbox: []);

    /// <summary>
    /// Changes a request's state and queues the messages that follow from it in the same
    /// transaction: a crash leaves both or neither, and the outbox dispatcher sends what was queued.
    /// </summary>
    public void SetState(Guid id, RequestState state, string? detail, string? deliveryFolder, IReadOnlyList<object> outbox)
    {
        using var connection = Open();
        // A raw BEGIN rather than BeginTransaction(): the helpers below then need no transaction
        // handed to every command, and closing the connection on an exception rolls back.
        Execute(connection, "BEGIN IMMEDIATE");
        var now = Now.ToString("O");
        foreach (var message in outbox)
            Enqueue(connection, id, message, now);
        UpdateState(connection, id, state, detail, now, deliveryFolder);
        Execute(connection, "COMMIT");
    }

    private static void UpdateState(SqliteConnection connection, Guid id, RequestState state, string? detail, string now, string? deliveryFolder = null)
    {
        var updated = Execute(connection, """
            UPDATE requests SET state = $state,
                reason = CASE WHEN $state IN ('Refused', 'Failed') THEN $detail ELSE reason END,
                delivery_folder = COALESCE($folder, delivery_folder)
            WHERE id = $id
            """,
            ("$id", id.ToString()), ("$state", state.ToString()), ("$detail", detail), ("$folder", deliveryFolder));
        if (updated == 0)
            throw new InvalidOperationException($"Request {id} is not recorded.");
        AddEvent(connection, id, state, detail, now);
    }

    public RequestRecord? FindRequest(Guid id)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT id, permit_id, requested_by, specification, state, reason, delivery_folder, created_at FROM requests WHERE id = $id", ("$id", id.ToString()));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var record = new RequestRecord
        {
            Id = Guid.Parse(reader.GetString(0)),
            PermitId = reader.IsDBNull(1) ? null : reader.GetString(1),
            RequestedBy = reader.GetString(2),
            SpecificationJson = reader.GetString(3),
            State = Enum.Parse<RequestState>(reader.GetString(4)),
            Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
            DeliveryFolder = reader.IsDBNull(6) ? null : reader.GetString(6),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
        };
        return record with { History = ReadHistory(connection, id) };
    }

    /// <summary>Every request, newest first.</summary>
    public IReadOnlyList<RequestRecord> ListRequests()
    {
        var ids = new List<Guid>();
        using (var connection = Open())
        using (var command = Command(connection, "SELECT id FROM requests ORDER BY created_at DESC"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids.Select(id => FindRequest(id)!).ToList();
    }

    private static List<RequestEvent> ReadHistory(SqliteConnection connection, Guid id)
    {
        using var command = Command(connection, "SELECT at, state, detail FROM request_events WHERE request_id = $id ORDER BY rowid", ("$id", id.ToString()));
        using var reader = command.ExecuteReader();
        var history = new List<RequestEvent>();
        while (reader.Read())
        {
            history.Add(new RequestEvent(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                Enum.Parse<RequestState>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return history;
    }

    private static void AddEvent(SqliteConnection connection, Guid id, RequestState state, string? detail, string at) =>
        Execute(connection, "INSERT INTO request_events (request_id, at, state, detail) VALUES ($id, $at, $state, $detail)",
            ("$id", id.ToString()), ("$at", at), ("$state", state.ToString()), ("$detail", detail));

    private SqliteConnection Open() => _dataSource.Open();

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

}
