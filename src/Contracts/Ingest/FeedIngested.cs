namespace Lake.Contracts.Ingest;

/// <summary>A feed's batch is committed in the lake, by this ingest or by an earlier one.</summary>
public sealed record FeedIngested
{
    public required string FeedPath { get; init; }

    public required string Descriptor { get; init; }

    public required string BatchId { get; init; }

    public required string SourceSystem { get; init; }

    public required string Register { get; init; }

    public required long RowsWritten { get; init; }

    public required long RowsQuarantined { get; init; }

    /// <summary>True when the batch had been committed before: the message was a redelivery or the feed came twice, and nothing was written.</summary>
    public required bool AlreadyIngested { get; init; }
}
