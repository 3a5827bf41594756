namespace Lake.Portal.Operations;

/// <summary>
/// The span a chart over time shows, cut into at most <see cref="MaxBuckets"/> intervals of whole
/// sampling intervals: a page shows three hours in a bounded number of points whatever the history keeps.
/// </summary>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To, TimeSpan Bucket)
{
    public const int MaxBuckets = 60;

    public static TimeWindow Of(DateTimeOffset started, DateTimeOffset now, TimeSpan interval, TimeSpan reach)
    {
        var from = started > now - reach ? started : now - reach;
        var span = now - from;
        var intervals = Math.Max(1, (long)Math.Ceiling(span / interval / MaxBuckets));
        return new TimeWindow(from, now, interval * intervals);
    }

    public int Buckets => Math.Max(1, (int)Math.Ceiling((To - From) / Bucket));

    /// <summary>The interval a moment falls in; the first holds everything up to its end.</summary>
    public int BucketOf(DateTimeOffset at) => Math.Clamp((int)Math.Ceiling((at - From) / Bucket) - 1, 0, Buckets - 1);

    public DateTimeOffset EndOf(int bucket) => bucket == Buckets - 1 ? To : From + Bucket * (bucket + 1);
}
