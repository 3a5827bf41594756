namespace Lake.Portal.Tests;

/// <summary>One rule axe-core found broken on a page, with how much it matters and where.</summary>
internal sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets)
{
    /// <summary>What the issue's bar is: no serious or critical violation on any page.</summary>
    public bool IsSeriousOrCritical => Impact is "serious" or "critical";

    public override string ToString() => $"{Impact} {Id}: {Help} at {string.Join("; ", Targets)}";
}
