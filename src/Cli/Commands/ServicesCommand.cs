using System.CommandLine;
using Lake.Coordinator.Identity;

namespace Lake.Cli.Commands;

/// <summary>`lake services add`: a program that calls the API with the client-credentials flow (a dashboard, a scheduler).</summary>
internal static class ServicesCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The client id (" + AccountNames.Rule + ")." };
        var role = new Option<string[]>("--role") { Description = "A role for the service (operator, auditor, ...).", Required = true, AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Register a service client; prints its secret once.") { name, role };
        add.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await using var store = await workspace.OpenIdentityStoreAsync(cancellationToken);
            var actor = await UsersCommand.StaffAsync(workspace, cancellationToken);
            var secret = await store.AddServiceClientAsync(actor, parse.GetValue(name)!, parse.GetValue(role)!, cancellationToken);
            Console.WriteLine($"Service {parse.GetValue(name)} registered. Client secret (shown once; keep it in the service's secret store): {secret}");
            return 0;
        }));
        return new Command("services", "Programs that call the coordinator's API with their own credentials.") { add };
    }
}
