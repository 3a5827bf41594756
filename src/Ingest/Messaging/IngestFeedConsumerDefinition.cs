using MassTransit;

namespace Lake.Ingest.Messaging;

/// <summary>One feed at a time per worker: an ingest keeps the cores busy and holds up to a gigabyte of row groups; more feeds at once means more workers.</summary>
public sealed class IngestFeedConsumerDefinition : ConsumerDefinition<IngestFeedConsumer>
{
    public IngestFeedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
