namespace Lake.Telemetry;

/// <summary>Values of the <c>outcome</c> tag.</summary>
public static class Outcomes
{
    public const string Committed = "committed";
    public const string AlreadyIngested = "already_ingested";
    public const string Rejected = "rejected";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Delivered = "delivered";
    public const string Refused = "refused";
}
