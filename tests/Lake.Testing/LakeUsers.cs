using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Pseudonymization;

namespace Lake.Testing;

/// <summary>
/// Runs a command on the lake host as a given Lake user, the way an installation does it: the
/// account exists in the data folder's identity store with a role, and the operating-system
/// account running the tests is mapped to it (Accounts:OperatingSystem) for that one call.
/// Process-wide environment: callers are not parallel.
/// </summary>
public static class LakeUsers
{
    public const string Staff = "dana";

    public const string Auditor = "audrey";

    public const string Operator = "olivia";

    public static async Task<T> AsAsync<T>(string data, string keyRing, string user, Func<Task<T>> run)
    {
        await EnsureAsync(data, keyRing, user, RoleOf(user));
        var variable = "Accounts__OperatingSystem__" + user;
        Environment.SetEnvironmentVariable(variable, Environment.UserName);
        try
        {
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>The test population's convention: <see cref="Staff"/> is data-service staff, <see cref="Auditor"/> the auditor, <see cref="Operator"/> the operator, everyone else a researcher.</summary>
    public static string RoleOf(string user) => user switch
    {
        Staff => LakeRoles.Staff,
        Auditor => LakeRoles.Auditor,
        Operator => LakeRoles.Operator,
        _ => LakeRoles.Researcher,
    };

    public static async Task EnsureAsync(string data, string keyRing, string user, string role)
    {
        var control = Path.Combine(data, "control");
        var ring = KeyRing.OpenOrCreate(keyRing, TimeProvider.System);
        await using var store = await IdentityStore.OpenAsync(Path.Combine(control, IdentityDatabase.FileName), ring,
            new AuditLog(new ControlPlaneDataSource(Path.Combine(control, "lake.db")), ring, TimeProvider.System), new IdentityOptions(), CancellationToken.None);
        if (await store.Accounts.FindAsync(user, CancellationToken.None) is null)
            await store.Accounts.AddPersonAsync("test", user, user, [role], "a long enough password for " + user, CancellationToken.None);
    }

    /// <summary>Takes `--as NAME` out of a command line written before identities were verified; the caller runs it as NAME.</summary>
    public static (string User, string[] Args) SplitAs(string[] args)
    {
        var at = Array.IndexOf(args, "--as");
        if (at < 0 || at + 1 >= args.Length)
            return (Staff, args);
        return (args[at + 1], [.. args[..at], .. args[(at + 2)..]]);
    }
}
