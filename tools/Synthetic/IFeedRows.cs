namespace Lake.Synthetic;

/// <summary>Writes one feed's rows, good or broken, without the line ending; <see cref="FeedFile"/> owns the layout.</summary>
internal interface IFeedRows
{
    FeedFormat Format { get; }

    TruthRow WriteGood(TextWriter writer, int index, int line);

    TruthRow WriteDefect(TextWriter writer, string kind, int line);
}
