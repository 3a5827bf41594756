namespace Lake.Coordinator.Access;

/// <summary>
/// Who is asking, as verified: the subject of a validated access token, or the operating-system
/// account running a command on the lake host. Never a name the asker typed.
/// </summary>
public sealed record Caller(string Subject, IReadOnlyList<string> Roles, string Channel)
{
    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public string RoleText => Roles.Count == 0 ? "no role" : string.Join(" ", Roles);
}
