using Lake.Contracts.Lake;

namespace Lake.Coordinator.Identity;

/// <summary>
/// What a Lake user or service name may look like (<see cref="LakeNames.UserNameRule"/>). Names
/// appear in permits, audit entries, file ACLs and log lines, so they are kept to a plain shape.
/// </summary>
public static class AccountNames
{
    public const string Rule = LakeNames.UserNameRule;

    public static bool IsValid(string? name) => LakeNames.IsUserName(name);

    /// <summary>The name, or an exception saying what a name may be.</summary>
    public static string Require(string? name, string what = "user name") =>
        IsValid(name) ? name! : throw new ArgumentException($"'{Printable(name)}' is not a valid {what}: {Rule}.");

    public static string Printable(string? name) => LakeNames.Printable(name);
}
