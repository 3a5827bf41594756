using System.CommandLine;
using Lake.Extract.ControlPlane;
using Lake.Extract.Specifications;

namespace Lake.Cli.Commands;

internal static class RequestCommand
{
    /// <summary>Exit code of a request that was refused or failed: the command worked, the request did not.</summary>
    public const int RequestNotDelivered = 3;

    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Study specification (YAML or JSON)." };
        var permit = new Option<string>("--permit") { Description = "Permit the request is made under.", Required = true };
        var user = new Option<string>("--as") { Description = "The requesting research group member.", Required = true };
        var submit = new Command("submit", "Submit a data extraction request under a permit; waits for the delivery.") { spec, permit, user };
        submit.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var specification = SpecificationReader.Load(parse.GetValue(spec)!);
            var (_, record) = await RequestRunner.SubmitAndWaitAsync(workspace, specification, parse.GetValue(permit)!, parse.GetValue(user)!, TimeSpan.FromMinutes(30), cancellationToken);
            Reports.PrintRequest(record);
            return record.State == RequestState.Delivered ? 0 : RequestNotDelivered;
        }));

        var id = new Argument<Guid>("id") { Description = "Request id as printed by 'lake request submit'." };
        var status = new Command("status", "Show a request's state and history.") { id };
        status.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var record = GlobalOptions.Workspace(parse).OpenControlPlane().FindRequest(parse.GetValue(id))
                ?? throw new KeyNotFoundException($"No request {parse.GetValue(id)} in this data folder.");
            Reports.PrintRequest(record);
            return Task.FromResult(0);
        }));
        return new Command("request", "Data extraction requests.") { submit, status };
    }
}
