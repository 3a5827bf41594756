using System.Diagnostics;

namespace Lake.Telemetry;

/// <summary>
/// Lake's spans. With MassTransit's own source beside it, one trace follows a request from its
/// submission through the messages to the delivery, and a feed from its message to its commit.
/// </summary>
public static class LakeActivitySource
{
    public const string Name = "Lake";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>A span of ingest of one feed; <see cref="SetFeed"/> tags it once its descriptor is read.</summary>
    public static Activity? StartIngest() => Source.StartActivity("lake.ingest", ActivityKind.Internal);

    /// <summary>Tags an ingest span with the feed's source system and register.</summary>
    public static void SetFeed(this Activity? activity, string source, string register)
    {
        activity?.SetTag(Tag.SourceKey, source);
        activity?.SetTag(Tag.RegisterKey, register);
    }

    /// <summary>A span of one extraction task.</summary>
    public static Activity? StartExtraction(string register)
    {
        var activity = Source.StartActivity("lake.extraction", ActivityKind.Internal);
        activity?.SetTag(Tag.RegisterKey, register);
        return activity;
    }

    /// <summary>
    /// The publication of a message the outbox kept, as a child of the span that queued it (its W3C
    /// id), so that a request's trace runs on through the outbox to the workers.
    /// </summary>
    public static Activity? StartOutboxPublish(string? parentId) =>
        ActivityContext.TryParse(parentId, null, out var parent)
            ? Source.StartActivity("lake.outbox.publish", ActivityKind.Producer, parent)
            : Source.StartActivity("lake.outbox.publish", ActivityKind.Producer);

    /// <summary>The root span of a data request, around its submission.</summary>
    public static Activity? StartRequestSubmit() => Source.StartActivity("lake.request.submit", ActivityKind.Producer);

    /// <summary>Tags the span with how its work ended.</summary>
    public static void SetOutcome(this Activity? activity, string outcome, bool error = false)
    {
        activity?.SetTag(Tag.OutcomeKey, outcome);
        if (error)
            activity?.SetStatus(ActivityStatusCode.Error);
    }
}
