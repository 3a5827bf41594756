namespace Lake.Contracts.Extraction;

/// <summary>How the delivery is written: Parquet always, CSV beside it on request.</summary>
public sealed record DeliveryOptions
{
    public bool Csv { get; init; }
}
