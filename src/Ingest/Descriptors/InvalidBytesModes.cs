namespace Lake.Ingest.Descriptors;

/// <summary>What ingest does with bytes that are not text in a feed's declared encoding (<c>format.invalid_bytes</c>).</summary>
public static class InvalidBytesModes
{
    /// <summary>The row holding them is quarantined (reason invalid_encoding) and the feed goes on: the default.</summary>
    public const string QuarantineRow = "quarantine_row";

    /// <summary>
    /// The whole feed is refused at the first of them, with its byte offset and line, before anything
    /// is committed: for a system whose export is all right or all wrong, where a broken row means a
    /// broken file rather than one bad value.
    /// </summary>
    public const string RejectFeed = "reject_feed";
}
