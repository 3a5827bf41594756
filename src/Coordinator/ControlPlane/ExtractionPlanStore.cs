using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using static Lake.Coordinator.ControlPlane.ControlPlaneSql;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// Each extraction's plan in the control plane: the ingest batches it reads, one task per dataset
/// with its message in the outbox, what each finished task wrote, and the re-drive of requests
/// that stopped moving. The plan belongs to its request and moves its state in the same transaction.
/// </summary>
public sealed class ExtractionPlanStore(ControlPlaneDataSource dataSource, TimeProvider time)
{
    /// <summary>How a re-drive starts its line in a request's history.</summary>
    public const string RedriveDetail = "re-driven";

    /// <summary>
    /// Records an accepted request's plan, one task per dataset with its message queued in the
    /// outbox, and moves the request to <see cref="RequestState.Extracting"/>, all in one
    /// transaction. False when the request is not waiting for a plan (planned already, or finished).
    /// </summary>
    public async Task<bool> RecordAsync(Guid requestId, IReadOnlyList<string> batches, IReadOnlyList<(string Dataset, object Message)> tasks, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        if (await StateOfAsync(connection, requestId, cancellationToken) != RequestState.Accepted)
            return false; // Closing the connection rolls back.

        var now = Instant(time.GetUtcNow());
        await ExecuteAsync(connection, "INSERT INTO extraction_plans (request_id, batches, planned_at, progressed_at) VALUES ($id, $batches, $now, $now)", cancellationToken,
            ("$id", requestId.ToString()), ("$batches", JsonSerializer.Serialize(batches, LakeJson.Options)), ("$now", now));
        for (var position = 0; position < tasks.Count; position++)
        {
            var sequence = await EnqueueAsync(connection, requestId, tasks[position].Message, now, cancellationToken);
            await ExecuteAsync(connection, "INSERT INTO extraction_tasks (request_id, position, dataset, outbox_sequence) VALUES ($id, $position, $dataset, $sequence)", cancellationToken,
                ("$id", requestId.ToString()), ("$position", position), ("$dataset", tasks[position].Dataset), ("$sequence", sequence));
        }

        await UpdateStateAsync(connection, requestId, RequestState.Extracting, $"{tasks.Count} tasks: {string.Join(", ", tasks.Select(t => t.Dataset))}", now, cancellationToken);
        await CommitAsync(connection, cancellationToken);
        return true;
    }

    /// <summary>The ingest batches an extraction's tasks read, or null when it has no plan.</summary>
    public async Task<IReadOnlyList<string>?> BatchesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await ScalarAsync(connection, "SELECT batches FROM extraction_plans WHERE request_id = $id", cancellationToken, ("$id", requestId.ToString())) is string batches
            ? JsonSerializer.Deserialize<List<string>>(batches, LakeJson.Options)
            : null;
    }

    /// <summary>How many of an extraction's tasks are done, of how many; null when it has no plan yet.</summary>
    public async Task<TaskProgress?> ProgressAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        var counts = await RowsAsync(connection, "SELECT count(*), count(completed_at) FROM extraction_tasks WHERE request_id = $id",
            reader => new TaskProgress(reader.GetInt32(1), reader.GetInt32(0)), cancellationToken, ("$id", requestId.ToString()));
        return counts is [{ Total: > 0 } progress] ? progress : null;
    }

    /// <summary>
    /// Records that a task is done and what it wrote (<paramref name="filesJson"/>). Idempotent by
    /// request and dataset: a second completion of the same task changes nothing. The caller that
    /// records the last task gets <see cref="TaskCompletion.LastOfRequest"/> and the assembly with it.
    /// </summary>
    public async Task<TaskCompletion> CompleteTaskAsync(Guid requestId, string dataset, string filesJson, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        if (await StateOfAsync(connection, requestId, cancellationToken) != RequestState.Extracting)
            return TaskCompletion.AlreadyRecorded;
        var now = Instant(time.GetUtcNow());
        var updated = await ExecuteAsync(connection, "UPDATE extraction_tasks SET files = $files, completed_at = $now WHERE request_id = $id AND dataset = $dataset AND completed_at IS NULL", cancellationToken,
            ("$id", requestId.ToString()), ("$dataset", dataset), ("$files", filesJson), ("$now", now));
        if (updated == 0)
            return TaskCompletion.AlreadyRecorded;
        await ExecuteAsync(connection, "UPDATE extraction_plans SET progressed_at = $now WHERE request_id = $id", cancellationToken, ("$id", requestId.ToString()), ("$now", now));

        var open = await ScalarAsync(connection, "SELECT count(*) FROM extraction_tasks WHERE request_id = $id AND completed_at IS NULL", cancellationToken, ("$id", requestId.ToString()));
        var last = Convert.ToInt64(open, CultureInfo.InvariantCulture) == 0;
        if (last)
            await UpdateStateAsync(connection, requestId, RequestState.Assembling, "every task done", now, cancellationToken);
        await CommitAsync(connection, cancellationToken);
        return last ? TaskCompletion.LastOfRequest : TaskCompletion.Recorded;
    }

    /// <summary>What each completed task wrote (as recorded by <see cref="CompleteTaskAsync"/>), in the plan's order.</summary>
    public async Task<IReadOnlyList<string>> CompletedTaskFilesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await RowsAsync(connection, "SELECT files FROM extraction_tasks WHERE request_id = $id AND completed_at IS NOT NULL ORDER BY position",
            reader => reader.GetString(0), cancellationToken, ("$id", requestId.ToString()));
    }

    /// <summary>Requests on their way (accepted, extracting or assembling) that have not moved since <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<StalledRequest>> StalledAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await RowsAsync(connection, """
            SELECT r.id, r.state, max(COALESCE(p.progressed_at, ''), (SELECT max(e.at) FROM request_events e WHERE e.request_id = r.id)) AS moved
            FROM requests r LEFT JOIN extraction_plans p ON p.request_id = r.id
            WHERE r.state IN ('Accepted', 'Extracting', 'Assembling') AND moved < $before
            ORDER BY moved
            """,
            reader => new StalledRequest(Guid.Parse(reader.GetString(0)), Enum.Parse<RequestState>(reader.GetString(1)), ParseInstant(reader.GetString(2))),
            cancellationToken, ("$before", Instant(before.ToUniversalTime())));
    }

    /// <summary>
    /// Queues a stalled request's messages again: its start command while it waits for a plan,
    /// the tasks not done while it is extracting. Safe because every consumer is idempotent; the
    /// request's history says it happened. Returns how many messages were queued.
    /// </summary>
    public async Task<int> RedriveAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await BeginAsync(connection, cancellationToken);
        var state = await StateOfAsync(connection, requestId, cancellationToken);
        var queued = state switch
        {
            RequestState.Accepted => await ExecuteAsync(connection, "UPDATE outbox SET sent_at = NULL WHERE request_id = $id", cancellationToken, ("$id", requestId.ToString())),
            RequestState.Extracting => await ExecuteAsync(connection, """
                UPDATE outbox SET sent_at = NULL
                WHERE sequence IN (SELECT outbox_sequence FROM extraction_tasks WHERE request_id = $id AND completed_at IS NULL)
                """, cancellationToken, ("$id", requestId.ToString())),
            _ => 0,
        };
        if (queued > 0)
        {
            var now = Instant(time.GetUtcNow());
            await AddEventAsync(connection, requestId, state!.Value, $"{RedriveDetail}: {queued} messages queued again", now, cancellationToken);
            await ExecuteAsync(connection, "UPDATE extraction_plans SET progressed_at = $now WHERE request_id = $id", cancellationToken, ("$id", requestId.ToString()), ("$now", now));
        }

        await CommitAsync(connection, cancellationToken);
        return queued;
    }
}
