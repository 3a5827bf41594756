namespace Lake.Telemetry;

/// <summary>
/// The only tags Lake puts on metrics and spans. Each takes a value from configuration or code
/// (a register name, a source system, a reason constant), never a value read from a feed row.
/// </summary>
public static class Tag
{
    public const string RegisterKey = "register";
    public const string SourceKey = "source";
    public const string ReasonKey = "reason";
    public const string OutcomeKey = "outcome";
    public const string QueueKey = "queue";

    public static KeyValuePair<string, object?> Register(string register) => new(RegisterKey, register);

    public static KeyValuePair<string, object?> Source(string source) => new(SourceKey, source);

    public static KeyValuePair<string, object?> Reason(string reason) => new(ReasonKey, reason);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new(OutcomeKey, outcome);

    public static KeyValuePair<string, object?> Queue(string queue) => new(QueueKey, queue);
}
