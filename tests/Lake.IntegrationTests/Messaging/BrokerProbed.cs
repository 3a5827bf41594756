namespace Lake.IntegrationTests.Messaging;

/// <summary>A <see cref="ProbeBroker"/> command was consumed; carries its payload back.</summary>
public sealed record BrokerProbed
{
    public required Guid ProbeId { get; init; }
    public required string Sender { get; init; }
    public required int Sequence { get; init; }
    public required DateTimeOffset ConsumedAt { get; init; }
}
