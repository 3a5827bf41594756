namespace Lake.Hosting.Health;

/// <summary>Tags of the health checks, to pick the readiness checks and the ones whose description may be shown.</summary>
public static class HealthTags
{
    /// <summary>A check of readiness (<c>/readyz</c>); MassTransit tags its bus check so as well.</summary>
    public const string Ready = "ready";

    /// <summary>One of Lake's own checks, whose descriptions are fixed sentences without paths or secrets.</summary>
    public const string Lake = "lake";
}
