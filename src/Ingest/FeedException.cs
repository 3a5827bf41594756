namespace Lake.Ingest;

/// <summary>A feed that cannot be ingested at all (missing, empty, unreadable), as opposed to one with bad rows.</summary>
public sealed class FeedException(string message) : Exception(message);
