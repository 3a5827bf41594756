using MassTransit;

namespace Lake.IntegrationTests.Messaging;

public sealed class ProbeBrokerConsumer(TimeProvider timeProvider) : IConsumer<ProbeBroker>
{
    public Task Consume(ConsumeContext<ProbeBroker> context) =>
        context.Publish(new BrokerProbed
        {
            ProbeId = context.Message.ProbeId,
            Sender = context.Message.Sender,
            Sequence = context.Message.Sequence,
            ConsumedAt = timeProvider.GetUtcNow(),
        }, context.CancellationToken);
}
