namespace Lake.Synthetic;

/// <summary>One written feed; <paramref name="Rows"/> holds one entry per data line, in file order.</summary>
public sealed record FeedTruth(string SourceSystem, string Register, string FileName, IReadOnlyList<TruthRow> Rows);
