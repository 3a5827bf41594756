using Lake.Contracts.Ingest;
using MassTransit;

namespace Lake.Hosting.Tests;

/// <summary>Puts the ingest workers' answers into the test's <see cref="FeedOutcomes"/>.</summary>
internal sealed class FeedOutcomeRecorder(FeedOutcomes outcomes) : IConsumer<FeedIngested>, IConsumer<FeedRejected>
{
    public Task Consume(ConsumeContext<FeedIngested> context)
    {
        outcomes.Add(context.Message.FeedPath, context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<FeedRejected> context)
    {
        outcomes.Add(context.Message.FeedPath, context.Message);
        return Task.CompletedTask;
    }
}
