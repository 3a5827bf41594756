namespace Lake.Contracts.Ingest;

/// <summary>A feed was not ingested; the reason says what to fix (the path, the descriptor, the file).</summary>
public sealed record FeedRejected
{
    public required string FeedPath { get; init; }

    public required string Descriptor { get; init; }

    public required string Reason { get; init; }
}
