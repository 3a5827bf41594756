namespace Lake.Extract.Access;

/// <summary>
/// The section <c>Accounts</c>: which operating-system account each Lake user is on this host.
/// <code>
/// "Accounts": { "OperatingSystem": { "alice": "alice", "bob": "bvirtanen" } }
/// </code>
/// or in the environment <c>Accounts__OperatingSystem__alice=alice</c>. Read it through
/// <see cref="OperatingSystemAccounts"/>, which checks it.
/// </summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Lake user name (as in permits' member lists) → operating-system account name. One-to-one.</summary>
    public Dictionary<string, string> OperatingSystem { get; set; } = [];

    /// <summary>The setfacl command that writes deliveries' access lists; a bare name is looked up on PATH.</summary>
    public string Setfacl { get; set; } = "setfacl";
}
