using MassTransit;

namespace Lake.IntegrationTests.Messaging;

/// <summary>Hands each <see cref="BrokerProbed"/> event the broker delivers to the test waiting for it.</summary>
public sealed class BrokerProbedRecorder(ProbeLog log) : IConsumer<BrokerProbed>
{
    public Task Consume(ConsumeContext<BrokerProbed> context)
    {
        log.Record(context.Message);
        return Task.CompletedTask;
    }
}
