using System.CommandLine;
using System.Security.Cryptography;
using Lake.Coordinator.Access;
using Lake.Coordinator.Identity;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake users`: the embedded authority's local accounts, run by data-service staff on the lake
/// host. The first staff account of a fresh installation may be made by whoever runs the host
/// (there is nobody yet to ask); after that, only staff change accounts.
/// </summary>
internal static class UsersCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The Lake user name (" + AccountNames.Rule + ")." };

    public static Command Create() => new("users", "Lake's local accounts: people who sign in with a password and a one-time code.")
    {
        Add(), List(), Disable(), Enable(), ResetPassword(), EnrollTotp(), Roles(),
    };

    private static readonly Option<string[]> RoleOption = new("--role")
    {
        Description = "A role: researcher, staff, operator or auditor (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin") { Description = "Read the password from standard input instead of making a random one." };

    private static Command Add()
    {
        var display = new Option<string>("--display-name") { Description = "The person's name as shown in the portal.", DefaultValueFactory = _ => "" };
        var add = new Command("add", "Add a person; prints the initial password (unless --password-stdin) and the second-factor enrolment once.") { Name, RoleOption, display, PasswordStdin };
        add.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            var actor = await StaffOrBootstrapAsync(workspace, store, cancellationToken);
            var (password, generated) = await PasswordAsync(parse);
            var account = await store.Accounts.AddPersonAsync(actor, parse.GetValue(Name)!, parse.GetValue(display)!, parse.GetValue(RoleOption)!, password, cancellationToken);
            var enrollment = await store.Accounts.EnrollTotpAsync(actor, account.UserName, cancellationToken);
            Console.WriteLine($"Lake user {account.UserName} added with roles {account.Roles}.");
            if (generated)
                Console.WriteLine($"Initial password (shown once; hand it over in person or another safe channel): {password}");
            PrintEnrollment(enrollment);
            return 0;
        }));
        return add;
    }

    private static Command List()
    {
        var list = new Command("list", "List the accounts: name, kind, roles, second factor, state.");
        list.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            await LocalCaller.RequireAsync(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken), LakeAction.ManageAccounts, "accounts", cancellationToken: cancellationToken);
            var table = new Table().AddColumns("name", "kind", "roles", "second factor", "state");
            foreach (var account in await store.Accounts.ListAsync(cancellationToken))
            {
                var state = account.Disabled ? "disabled" : account.LockedUntil > DateTimeOffset.UtcNow ? "locked" : "active";
                table.AddRow(Markup.Escape(account.UserName), account.Kind.ToString().ToLowerInvariant(), Markup.Escape(account.Roles),
                    account.Kind == AccountKind.Service ? "-" : account.TotpSecret is null ? "none" : "TOTP", state);
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return list;
    }

    private static Command Disable() => Change("disable", "Disable an account: no new sign-in or token, refresh tokens stop working.", (store, actor, name, ct) => store.Accounts.SetDisabledAsync(actor, name, true, ct), "disabled");

    private static Command Enable() => Change("enable", "Enable a disabled account again.", (store, actor, name, ct) => store.Accounts.SetDisabledAsync(actor, name, false, ct), "enabled");

    private static Command ResetPassword()
    {
        var reset = new Command("reset-password", "Set a new password (random unless --password-stdin) and lift a lockout.") { Name, PasswordStdin };
        reset.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            var actor = await StaffAsync(workspace, cancellationToken);
            var (password, generated) = await PasswordAsync(parse);
            await store.Accounts.SetPasswordAsync(actor, parse.GetValue(Name)!, password, cancellationToken);
            Console.WriteLine(generated ? $"New password for {parse.GetValue(Name)} (shown once): {password}" : $"Password of {parse.GetValue(Name)} changed.");
            return 0;
        }));
        return reset;
    }

    private static Command EnrollTotp()
    {
        var enroll = new Command("enroll-totp", "Make a new second-factor seed for a person (the old one stops working); shown once.") { Name };
        enroll.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            var actor = await StaffAsync(workspace, cancellationToken);
            PrintEnrollment(await store.Accounts.EnrollTotpAsync(actor, parse.GetValue(Name)!, cancellationToken));
            return 0;
        }));
        return enroll;
    }

    private static Command Roles()
    {
        var roles = new Command("roles", "Replace an account's roles.") { Name, RoleOption };
        roles.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            var actor = await StaffAsync(workspace, cancellationToken);
            await store.Accounts.SetRolesAsync(actor, parse.GetValue(Name)!, parse.GetValue(RoleOption)!, cancellationToken);
            // Tokens already issued keep their roles until they expire (Auth:AccessTokenLifetime).
            Console.WriteLine($"Roles of {parse.GetValue(Name)}: {string.Join(" ", parse.GetValue(RoleOption)!)}; in effect for local commands now and for each new or refreshed token.");
            return 0;
        }));
        return roles;
    }

    private static Command Change(string name, string description, Func<IdentityStore, string, string, CancellationToken, Task> change, string done)
    {
        var command = new Command(name, description) { Name };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            await change(store, await StaffAsync(workspace, cancellationToken), parse.GetValue(Name)!, cancellationToken);
            Console.WriteLine($"{parse.GetValue(Name)}: {done}.");
            return 0;
        }));
        return command;
    }

    internal static async Task<string> StaffAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
        await LocalCaller.RequireAsync(workspace, caller, LakeAction.ManageAccounts, "accounts", cancellationToken: cancellationToken);
        return caller.Subject;
    }

    /// <summary>Staff, or anyone on the host while the installation has no staff account yet (recorded as such).</summary>
    internal static async Task<string> StaffOrBootstrapAsync(Workspace workspace, IdentityStore store, CancellationToken cancellationToken)
    {
        if (await store.Accounts.AnyStaffAsync(cancellationToken))
            return await StaffAsync(workspace, cancellationToken);
        return $"installation (operating-system account {Environment.UserName}, no staff account yet)";
    }

    private static async Task<(string Password, bool Generated)> PasswordAsync(ParseResult parse)
    {
        if (!parse.GetValue(PasswordStdin))
            return (Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y'), true);
        var line = await Console.In.ReadLineAsync() ?? "";
        return (line.TrimEnd('\r', '\n'), false);
    }

    private static void PrintEnrollment(TotpEnrollment enrollment)
    {
        Console.WriteLine($"Second factor for {enrollment.UserName} (shown once): add it to an authenticator app.");
        Console.WriteLine($"  key: {enrollment.Base32Secret}");
        Console.WriteLine($"  uri: {enrollment.OtpAuthUri}");
    }
}
