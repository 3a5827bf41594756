namespace Lake.Telemetry;

/// <summary>Messages waiting in one queue when it was last read.</summary>
public readonly record struct QueueDepth(string Queue, long Messages);
