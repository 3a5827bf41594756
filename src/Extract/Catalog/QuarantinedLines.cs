namespace Lake.Extract.Catalog;

/// <summary>
/// The rows one batch quarantined for one reason: how many, and the feed's line numbers of the
/// first of them, so the feed can be opened at the line and fixed. Never the row itself.
/// </summary>
/// <param name="Lines">The first line numbers, at most <see cref="IngestHistory.LinesPerReason"/>; fewer than <paramref name="Rows"/> when the list is cut.</param>
public sealed record QuarantinedLines(string Reason, long Rows, IReadOnlyList<long> Lines);
