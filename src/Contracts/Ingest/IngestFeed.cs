namespace Lake.Contracts.Ingest;

/// <summary>
/// Ingest one feed that has landed in the feeds folder. Names the file and its descriptor, never
/// its rows; an ingest worker with the same feeds folder mounted reads it from there.
/// </summary>
public sealed record IngestFeed
{
    /// <summary>The feed file relative to the feeds folder, with '/' (e.g. <c>incoming/apotti-diagnosis/2026-11.csv</c>).</summary>
    public required string FeedPath { get; init; }

    /// <summary>The source descriptor by its name in the sources folder (e.g. <c>apotti-diagnosis</c>).</summary>
    public required string Descriptor { get; init; }
}
