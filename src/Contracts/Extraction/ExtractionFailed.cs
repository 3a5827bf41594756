namespace Lake.Contracts.Extraction;

/// <summary>An extraction stopped; the reason is for the data-service staff and the researcher.</summary>
public sealed record ExtractionFailed
{
    public required Guid RequestId { get; init; }

    public required string Reason { get; init; }
}
