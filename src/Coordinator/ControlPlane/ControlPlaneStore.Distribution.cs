using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// The coordinator's part of the control plane: an outbox of messages recorded in the same
/// transaction as the state change they follow from, and each extraction's plan and tasks.
/// </summary>
public sealed partial class ControlPlaneStore
{
    /// <summary>How a re-drive starts its line in a request's history.</summary>
    public const string RedriveDetail = "re-driven";

    /// <summary>
    /// Records an accepted request's plan, one task per dataset with its message queued in the
    /// outbox, and moves the request to <see cref="RequestState.Extracting"/>, all in one
    /// transaction. False when the request is not waiting for a plan (planned already, or finished).
    /// </summary>
    public bool RecordPlan(Guid requestId, IReadOnlyList<string> batches, IReadOnlyList<(string Dataset, object Message)> tasks)
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        if (StateOf(connection, requestId) != RequestState.Accepted)
            return false; // Closing the connection rolls back.

        var now = Now.ToString("O");
        Execute(connection, "INSERT INTO extraction_plans (request_id, batches, planned_at, progressed_at) VALUES ($id, $batches, $now, $now)",
            ("$id", requestId.ToString()), ("$batches", JsonSerializer.Serialize(batches, LakeJson.Options)), ("$now", now));
        for (var position = 0; position < tasks.Count; position++)
        {
            var sequence = Enqueue(connection, requestId, tasks[position].Message, now);
            Execute(connection, "INSERT INTO extraction_tasks (request_id, position, dataset, outbox_sequence) VALUES ($id, $position, $dataset, $sequence)",
                ("$id", requestId.ToString()), ("$position", position), ("$dataset", tasks[position].Dataset), ("$sequence", sequence));
        }

        UpdateState(connection, requestId, RequestState.Extracting, $"{tasks.Count} tasks: {string.Join(", ", tasks.Select(t => t.Dataset))}", now);
        Execute(connection, "COMMIT");
        return true;
    }

    /// <summary>
    /// Ends a request on its way (accepted, extracting or assembling) as delivered or failed. False
    /// when it has ended already, so that of two racing outcomes only the first is recorded and audited.
    /// </summary>
    public bool FinishIfActive(Guid requestId, RequestState state, string detail, string? deliveryFolder = null)
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        if (StateOf(connection, requestId) is not (RequestState.Accepted or RequestState.Extracting or RequestState.Assembling))
            return false;
        UpdateState(connection, requestId, state, detail, Now.ToString("O"), deliveryFolder);
        Execute(connection, "COMMIT");
        return true;
    }

    /// <summary>The ingest batches an extraction's tasks read, or null when it has no plan.</summary>
    public IReadOnlyList<string>? PlannedBatches(Guid requestId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT batches FROM extraction_plans WHERE request_id = $id", ("$id", requestId.ToString()));
        return command.ExecuteScalar() is string batches ? JsonSerializer.Deserialize<List<string>>(batches, LakeJson.Options) : null;
    }

    /// <summary>
    /// Records that a task is done and what it wrote (<paramref name="filesJson"/>). Idempotent by
    /// request and dataset: a second completion of the same task changes nothing. The caller that
    /// records the last task gets <see cref="TaskCompletion.LastOfRequest"/> and the assembly with it.
    /// </summary>
    public TaskCompletion CompleteTask(Guid requestId, string dataset, string filesJson)
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        if (StateOf(connection, requestId) != RequestState.Extracting)
            return TaskCompletion.AlreadyRecorded;
        var now = Now.ToString("O");
        var updated = Execute(connection, "UPDATE extraction_tasks SET files = $files, completed_at = $now WHERE request_id = $id AND dataset = $dataset AND completed_at IS NULL",
            ("$id", requestId.ToString()), ("$dataset", dataset), ("$files", filesJson), ("$now", now));
        if (updated == 0)
            return TaskCompletion.AlreadyRecorded;
        Execute(connection, "UPDATE extraction_plans SET progressed_at = $now WHERE request_id = $id", ("$id", requestId.ToString()), ("$now", now));

        using var open = Command(connection, "SELECT count(*) FROM extraction_tasks WHERE request_id = $id AND completed_at IS NULL", ("$id", requestId.ToString()));
        var last = Convert.ToInt64(open.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
        if (last)
            UpdateState(connection, requestId, RequestState.Assembling, "every task done", now);
        Execute(connection, "COMMIT");
        return last ? TaskCompletion.LastOfRequest : TaskCompletion.Recorded;
    }

    /// <summary>What each completed task wrote (as recorded by <see cref="CompleteTask"/>), in the plan's order.</summary>
    public IReadOnlyList<string> CompletedTaskFiles(Guid requestId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT files FROM extraction_tasks WHERE request_id = $id AND completed_at IS NOT NULL ORDER BY position", ("$id", requestId.ToString()));
        using var reader = command.ExecuteReader();
        var files = new List<string>();
        while (reader.Read())
            files.Add(reader.GetString(0));
        return files;
    }

    /// <summary>Messages not yet published, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> PendingMessages(int limit)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT sequence, request_id, message_type, body, trace_parent FROM outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT $limit", ("$limit", limit));
        using var reader = command.ExecuteReader();
        var messages = new List<OutboxMessage>();
        while (reader.Read())
            messages.Add(new OutboxMessage(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return messages;
    }

    public void MarkSent(long sequence)
    {
        using var connection = Open();
        Execute(connection, "UPDATE outbox SET sent_at = $now WHERE sequence = $sequence", ("$sequence", sequence), ("$now", Now.ToString("O")));
    }

    /// <summary>Requests on their way (accepted, extracting or assembling) that have not moved since <paramref name="before"/>.</summary>
    public IReadOnlyList<StalledRequest> StalledRequests(DateTimeOffset before)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT r.id, r.state, max(COALESCE(p.progressed_at, ''), (SELECT max(e.at) FROM request_events e WHERE e.request_id = r.id)) AS moved
            FROM requests r LEFT JOIN extraction_plans p ON p.request_id = r.id
            WHERE r.state IN ('Accepted', 'Extracting', 'Assembling') AND moved < $before
            ORDER BY moved
            """,
            ("$before", before.ToUniversalTime().ToString("O")));
        using var reader = command.ExecuteReader();
        var stalled = new List<StalledRequest>();
        while (reader.Read())
        {
            stalled.Add(new StalledRequest(Guid.Parse(reader.GetString(0)), Enum.Parse<RequestState>(reader.GetString(1)),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        }

        return stalled;
    }

    /// <summary>
    /// Queues a stalled request's messages again: its start command while it waits for a plan,
    /// the tasks not done while it is extracting. Safe because every consumer is idempotent; the
    /// request's history says it happened. Returns how many messages were queued.
    /// </summary>
    public int Redrive(Guid requestId)
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        var state = StateOf(connection, requestId);
        var queued = state switch
        {
            RequestState.Accepted => Execute(connection, "UPDATE outbox SET sent_at = NULL WHERE request_id = $id", ("$id", requestId.ToString())),
            RequestState.Extracting => Execute(connection, """
                UPDATE outbox SET sent_at = NULL
                WHERE sequence IN (SELECT outbox_sequence FROM extraction_tasks WHERE request_id = $id AND completed_at IS NULL)
                """, ("$id", requestId.ToString())),
            _ => 0,
        };
        if (queued > 0)
        {
            var now = Now.ToString("O");
            AddEvent(connection, requestId, state!.Value, $"{RedriveDetail}: {queued} messages queued again", now);
            Execute(connection, "UPDATE extraction_plans SET progressed_at = $now WHERE request_id = $id", ("$id", requestId.ToString()), ("$now", now));
        }

        Execute(connection, "COMMIT");
        return queued;
    }

    private static long Enqueue(SqliteConnection connection, Guid requestId, object message, string now)
    {
        Execute(connection, "INSERT INTO outbox (request_id, message_type, body, created_at, trace_parent) VALUES ($id, $type, $body, $now, $trace)",
            // The span that queued the message (W3C trace context, no data): its publication, later and
            // perhaps after a restart, continues the same trace.
            ("$trace", (object?)System.Diagnostics.Activity.Current?.Id ?? DBNull.Value),
            ("$id", requestId.ToString()), ("$type", message.GetType().FullName), ("$body", JsonSerializer.Serialize(message, message.GetType(), LakeJson.Options)), ("$now", now));
        using var command = Command(connection, "SELECT last_insert_rowid()");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static RequestState? StateOf(SqliteConnection connection, Guid requestId)
    {
        using var command = Command(connection, "SELECT state FROM requests WHERE id = $id", ("$id", requestId.ToString()));
        return command.ExecuteScalar() is string state ? Enum.Parse<RequestState>(state) : null;
    }
}
