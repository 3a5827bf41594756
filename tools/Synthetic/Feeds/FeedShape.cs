namespace Lake.Synthetic.Feeds;

/// <summary>How a feed's records are laid out on a line.</summary>
internal enum FeedShape
{
    /// <summary>Fields joined by a delimiter, RFC 4180 quoting, a header row.</summary>
    Delimited,

    /// <summary>Fields at fixed character positions, padded with blanks.</summary>
    FixedWidth,

    /// <summary>One JSON object per line.</summary>
    JsonLines,
}
