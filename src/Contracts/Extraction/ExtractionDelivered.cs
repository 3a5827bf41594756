namespace Lake.Contracts.Extraction;

/// <summary>An extraction's files and manifest are in the study's delivery folder.</summary>
public sealed record ExtractionDelivered
{
    public required Guid RequestId { get; init; }

    public required string DeliveryFolder { get; init; }

    public required int Files { get; init; }

    public required long Rows { get; init; }
}
