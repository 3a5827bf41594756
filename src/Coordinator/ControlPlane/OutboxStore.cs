using static Lake.Coordinator.ControlPlane.ControlPlaneSql;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// The outbox's side of the control plane: the messages queued with state changes (by
/// <see cref="RequestStore"/> and <see cref="ExtractionPlanStore"/>) that are not yet published,
/// and marking them sent once the broker has them.
/// </summary>
public sealed class OutboxStore(ControlPlaneDataSource dataSource, TimeProvider time)
{
    /// <summary>Messages not yet published, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        return await RowsAsync(connection, "SELECT sequence, request_id, message_type, body, trace_parent FROM outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT $limit",
            reader => new OutboxMessage(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)),
            cancellationToken, ("$limit", limit));
    }

    public async Task MarkSentAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "UPDATE outbox SET sent_at = $now WHERE sequence = $sequence", cancellationToken, ("$sequence", sequence), ("$now", Instant(time.GetUtcNow())));
    }
}
