using System.CommandLine;
using System.Text.Json;
using Lake.Cli.Gateway;
using Lake.Cli.Terminal;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.Access;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Extract.Specifications;
using Spectre.Console;

namespace Lake.Cli.Commands;

internal static class RequestCommand
{
    /// <summary>Exit code of a request that was refused or failed: the command worked, the request did not.</summary>
    public const int RequestNotDelivered = 3;

    /// <summary>Exit code of a replay whose files differ from the original's.</summary>
    public const int ReplayDiffers = 5;

    private static readonly Option<string?> Server = new("--server")
    {
        Description = "A coordinator ('lake serve') to talk to, e.g. http://127.0.0.1:5080; without it this process works on the data folder itself.",
    };

    private static readonly Option<int> Wait = new("--wait") { Description = "Seconds to wait for the delivery before giving up (the request goes on).", DefaultValueFactory = _ => 1800 };

    public static Command Create() => new("request", "Data extraction requests.")
    {
        Submit(), Status(), List(), Replay(),
    };

    private static Command Submit()
    {
        var spec = new Argument<string>("spec") { Description = "Study specification (YAML or JSON)." };
        var permit = new Option<string>("--permit") { Description = "Permit the request is made under.", Required = true };
        var submit = new Command("submit", "Submit a data extraction request under a permit; waits for the delivery.") { spec, permit, Wait, Server, JsonOutput.Option };
        submit.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var coordinator = await GatewayAsync(parse, cancellationToken);
            var specification = coordinator.ReadSpecification(parse.GetValue(spec)!);
            var record = await CommandProgress.RunAsync("request", $"submitted under permit {parse.GetValue(permit)}, waiting for the delivery", null, announce: false,
                _ => coordinator.SubmitAsync(specification, parse.GetValue(permit)!, TimeSpan.FromSeconds(parse.GetValue(Wait)), cancellationToken));
            Print(parse, record);
            return record.State == RequestState.Delivered ? 0 : RequestNotDelivered;
        }));
        return submit;
    }

    private static Command Status()
    {
        var id = new Argument<Guid>("id") { Description = "Request id as printed by 'lake request submit'." };
        var status = new Command("status", "Show a request's state and history (to its requester and current research group members).") { id, Server, JsonOutput.Option };
        status.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var coordinator = await GatewayAsync(parse, cancellationToken);
            var record = await coordinator.FindAsync(parse.GetValue(id), cancellationToken);

            // The same answer for "no such request" and "not yours", so ids cannot be probed.
            if (record is null)
                throw new KeyNotFoundException($"No request {parse.GetValue(id)} that you may see.");
            Print(parse, record);
            return 0;
        }));
        return status;
    }

    private static Command List()
    {
        var list = new Command("list", "List the requests you may see: your own and those under permits naming you (data-service staff: all).") { Server, JsonOutput.Option };
        list.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var coordinator = await GatewayAsync(parse, cancellationToken);
            var records = await coordinator.ListAsync(cancellationToken);
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new { requests = records.Select(Reports.RequestJson) });
                return 0;
            }

            var table = new Table().AddColumns("request", "created (UTC)", "by", "permit", "state", "last change");
            foreach (var record in records)
            {
                var last = record.History.LastOrDefault();
                table.AddRow(record.Id.ToString(), record.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(record.RequestedBy),
                    Markup.Escape(record.PermitId ?? "-"), record.State.ToString(), Markup.Escape(last?.Detail ?? ""));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return list;
    }

    private static Command Replay()
    {
        var id = new Argument<Guid>("id") { Description = "A delivered request to reproduce." };
        var replay = new Command("replay", "Run a delivered request again over the same ingest batches; checks the files are identical.") { id, JsonOutput.Option };
        replay.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
            var original = await workspace.OpenRequests().FindAsync(parse.GetValue(id), cancellationToken);
            if (original?.DeliveryFolder is null
                || !(await workspace.CreateAccessPolicy().DecideAsync(caller, LakeAction.ViewRequest, $"request {parse.GetValue(id)}", original, cancellationToken: cancellationToken)).Allowed)
                throw new KeyNotFoundException($"No delivered request {parse.GetValue(id)} that you may see.");
            await LocalCaller.RequireAsync(workspace, caller, LakeAction.SubmitRequest, $"a replay of request {parse.GetValue(id)}", permitId: original.PermitId, cancellationToken: cancellationToken);
            var (_, record) = await CommandProgress.RunAsync("replay", $"request {parse.GetValue(id)} running again", null, announce: false,
                _ => RequestRunner.ReplayAndWaitAsync(workspace, parse.GetValue(id), caller.Subject, TimeSpan.FromMinutes(30), cancellationToken));
            var differences = record.State == RequestState.Delivered ? Compare(Manifest(original.DeliveryFolder), Manifest(record.DeliveryFolder!)).ToList() : [];
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new { original = original.Id, request = Reports.RequestJson(record), identical = record.State == RequestState.Delivered && differences.Count == 0, differences });
                return record.State != RequestState.Delivered ? RequestNotDelivered : differences.Count == 0 ? 0 : ReplayDiffers;
            }

            Reports.PrintRequest(record);
            if (record.State != RequestState.Delivered)
                return RequestNotDelivered;

            foreach (var difference in differences)
                AnsiConsole.MarkupLine($"[red]differs[/]: {Markup.Escape(difference)}");
            if (differences.Count == 0)
                AnsiConsole.MarkupLine("[green]Replay identical[/]: every delivered file has the original's SHA-256.");
            return differences.Count == 0 ? 0 : ReplayDiffers;
        }));
        return replay;
    }

    private static void Print(ParseResult parse, RequestRecord record)
    {
        if (JsonOutput.Requested(parse))
            JsonOutput.Write(Reports.RequestJson(record));
        else
            Reports.PrintRequest(record);
    }

    /// <summary>The coordinator named by --server as the signed-in user, or this process over the data folder as the host account's Lake user.</summary>
    private static async Task<ICoordinatorGateway> GatewayAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Server) is { } address)
            return new RemoteCoordinator(new Serving.CoordinatorClient(LoginCommand.ServerUri(address), Serving.TokenCache.Default()));
        return await LocalCoordinator.OpenAsync(GlobalOptions.Workspace(parse), cancellationToken);
    }

    private static DeliveryManifest Manifest(string folder) => DeliveryManifestFile.Read(folder);

    private static IEnumerable<string> Compare(DeliveryManifest original, DeliveryManifest replay)
    {
        var replayed = replay.Files.ToDictionary(f => f.Name);
        foreach (var file in original.Files)
        {
            if (!replayed.TryGetValue(file.Name, out var again))
                yield return $"{file.Name} is missing from the replay";
            else if (again.Sha256 != file.Sha256)
                yield return $"{file.Name}: {file.Sha256} then, {again.Sha256} now";
        }
    }
}
