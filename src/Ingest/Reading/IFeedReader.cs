namespace Lake.Ingest.Reading;

/// <summary>Reads a feed row by row into a reused <see cref="FeedRecord"/>.</summary>
internal interface IFeedReader : IDisposable
{
    /// <summary>Column names, from the header, the descriptor's field list, or the first JSON object.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The character that joins fields when a row is shown in quarantine.</summary>
    char DisplayDelimiter { get; }

    bool Read(FeedRecord record);
}
