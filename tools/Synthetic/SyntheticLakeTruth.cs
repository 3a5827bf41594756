namespace Lake.Synthetic;

/// <summary>What the generator wrote: the population and, per feed, every data row with its defect if any.</summary>
public sealed record SyntheticLakeTruth(IReadOnlyList<SyntheticPerson> People, IReadOnlyList<FeedTruth> Feeds);
