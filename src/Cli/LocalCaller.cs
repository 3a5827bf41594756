using Lake.Coordinator.Access;
using Lake.Coordinator.Identity;

namespace Lake.Cli;

/// <summary>
/// Who runs a command on the lake host itself: the operating-system account (which the system
/// has authenticated), as the Lake user that <c>Accounts:OperatingSystem</c> maps it to, or the
/// Lake user of the same name. Its roles are that account's. No flag can say otherwise.
/// </summary>
internal static class LocalCaller
{
    public static async Task<Caller> ResolveAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var osAccount = Environment.UserName;
        var userName = workspace.Accounts.LakeUserFor(osAccount) ?? osAccount;
        await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
        var account = await store.Accounts.FindAsync(userName, cancellationToken);
        if (account is null || account.Kind != AccountKind.Person)
        {
            throw new UnauthorizedAccessException(
                $"The operating-system account '{osAccount}' is not a Lake user. Data-service staff add one with 'lake users add {AccountNames.Printable(userName)} --role ROLE', " +
                $"or map the account to an existing user with the setting {Extract.Access.OperatingSystemAccounts.Setting}:<user>={osAccount} (environment: Accounts__OperatingSystem__<user>={osAccount}).");
        }

        if (account.Disabled)
            throw new UnauthorizedAccessException($"The Lake user '{account.UserName}' is disabled.");
        return new Caller(account.UserName, account.RoleList, $"local account {osAccount}");
    }

    /// <summary>The policy's decision for a local caller; a refusal ends the command with the reason.</summary>
    public static async Task RequireAsync(Workspace workspace, Caller caller, LakeAction action, string subject, Coordinator.ControlPlane.RequestRecord? request = null,
        string? permitId = null, CancellationToken cancellationToken = default)
    {
        var decision = await workspace.CreateAccessPolicy().DecideAsync(caller, action, subject, request, permitId, cancellationToken);
        if (!decision.Allowed)
            throw new UnauthorizedAccessException($"Refused for {caller.Subject}: {decision.Reason}.");
    }
}
