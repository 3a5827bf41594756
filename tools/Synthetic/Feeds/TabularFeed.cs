namespace Lake.Synthetic.Feeds;

/// <summary>A feed whose records are a list of events, each formatted into a row when written.</summary>
internal sealed class TabularFeed<T>(FeedLayout layout, IReadOnlyList<T> events, Func<T, FeedRow> format) : ITabularFeed
{
    public FeedLayout Layout { get; } = layout;

    public int Count => events.Count;

    public FeedRow Row(int index) => format(events[index]);
}
