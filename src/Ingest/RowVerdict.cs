namespace Lake.Ingest;

/// <summary>What becomes of a feed row.</summary>
internal enum RowVerdict
{
    Accepted,
    Rejected,
    Excluded,
}
