namespace Lake.Synthetic.Feeds;

/// <summary>
/// One field of a feed: its name (header, JSON key), its role for defects, its width in a
/// fixed-width feed, the date pattern it is written in, and whether JSON writes it as a number.
/// </summary>
internal sealed record FeedField(string Name, FieldRole Role = FieldRole.None)
{
    public int Width { get; init; }

    public string? DateFormat { get; init; }

    public bool JsonNumber { get; init; }
}
