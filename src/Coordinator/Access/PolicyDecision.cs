namespace Lake.Coordinator.Access;

/// <summary>The policy's answer and why; the reason is safe to show the caller.</summary>
public sealed record PolicyDecision(bool Allowed, string Reason)
{
    public static PolicyDecision Allow(string reason) => new(true, reason);

    public static PolicyDecision Refuse(string reason) => new(false, reason);
}
