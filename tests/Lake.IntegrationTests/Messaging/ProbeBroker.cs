namespace Lake.IntegrationTests.Messaging;

/// <summary>A command that exists only to travel through the broker and come back as <see cref="BrokerProbed"/>.</summary>
public sealed record ProbeBroker
{
    public required Guid ProbeId { get; init; }
    public required string Sender { get; init; }
    public required int Sequence { get; init; }
}
