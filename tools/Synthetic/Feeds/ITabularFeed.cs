namespace Lake.Synthetic.Feeds;

/// <summary>A feed as a list of good records; <see cref="TabularFeedWriter"/> adds defects and writes the bytes.</summary>
internal interface ITabularFeed
{
    FeedLayout Layout { get; }

    int Count { get; }

    /// <summary>The record at <paramref name="index"/>. Pure: formatting draws no random numbers, so defects never move good rows.</summary>
    FeedRow Row(int index);
}
