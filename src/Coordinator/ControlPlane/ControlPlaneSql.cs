using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// The statements the control-plane stores share: parameterised commands, and the two steps that
/// belong to more than one aggregate's transaction (a request's state change with its history line,
/// and a message queued in the outbox). Every value is a parameter; no SQL is built from data.
/// </summary>
internal static class ControlPlaneSql
{
    /// <summary>
    /// Starts a write transaction on the connection. A raw BEGIN rather than BeginTransaction():
    /// the commands then need no transaction handed to them, and closing the connection on an
    /// exception (or an early return) rolls back.
    /// </summary>
    public static Task BeginAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);

    public static Task CommitAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "COMMIT", cancellationToken);

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Reads every row of a query through <paramref name="read"/>.</summary>
    public static async Task<List<T>> RowsAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset at) => at.ToString("O");

    public static async Task<RequestState?> StateOfAsync(SqliteConnection connection, Guid requestId, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, "SELECT state FROM requests WHERE id = $id", cancellationToken, ("$id", requestId.ToString())) is string state
            ? Enum.Parse<RequestState>(state)
            : null;

    /// <summary>Moves a request to a state and writes the line of its history that says so.</summary>
    /// <exception cref="InvalidOperationException">The request is not recorded.</exception>
    public static async Task UpdateStateAsync(SqliteConnection connection, Guid id, RequestState state, string? detail, string now, CancellationToken cancellationToken, string? deliveryFolder = null)
    {
        var updated = await ExecuteAsync(connection, """
            UPDATE requests SET state = $state,
                reason = CASE WHEN $state IN ('Refused', 'Failed') THEN $detail ELSE reason END,
                delivery_folder = COALESCE($folder, delivery_folder)
            WHERE id = $id
            """, cancellationToken,
            ("$id", id.ToString()), ("$state", state.ToString()), ("$detail", detail), ("$folder", deliveryFolder));
        if (updated == 0)
            throw new InvalidOperationException($"Request {id} is not recorded.");
        await AddEventAsync(connection, id, state, detail, now, cancellationToken);
    }

    public static Task AddEventAsync(SqliteConnection connection, Guid id, RequestState state, string? detail, string at, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "INSERT INTO request_events (request_id, at, state, detail) VALUES ($id, $at, $state, $detail)", cancellationToken,
            ("$id", id.ToString()), ("$at", at), ("$state", state.ToString()), ("$detail", detail));

    /// <summary>Queues a message in the outbox, inside the caller's transaction; returns its sequence number.</summary>
    public static async Task<long> EnqueueAsync(SqliteConnection connection, Guid requestId, object message, string now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "INSERT INTO outbox (request_id, message_type, body, created_at, trace_parent) VALUES ($id, $type, $body, $now, $trace)", cancellationToken,
            // The span that queued the message (W3C trace context, no data): its publication, later and
            // perhaps after a restart, continues the same trace.
            ("$trace", (object?)System.Diagnostics.Activity.Current?.Id ?? DBNull.Value),
            ("$id", requestId.ToString()), ("$type", message.GetType().FullName), ("$body", JsonSerializer.Serialize(message, message.GetType(), LakeJson.Options)), ("$now", now));
        return Convert.ToInt64(await ScalarAsync(connection, "SELECT last_insert_rowid()", cancellationToken), CultureInfo.InvariantCulture);
    }
}
