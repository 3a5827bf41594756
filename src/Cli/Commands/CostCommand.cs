using System.CommandLine;
using System.Globalization;
using Lake.Coordinator.Access;
using Lake.Extract.Costs;
using Lake.Extract.Specifications;
using Spectre.Console;

namespace Lake.Cli.Commands;

internal static class CostCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Study specification (YAML or JSON)." };
        var pricing = new Option<string>("--pricing") { Description = "Price list (YAML; default: the one shipped with Lake, examples/pricing.yaml).", DefaultValueFactory = _ => Installation.PriceList };
        var internalProject = new Option<bool>("--internal") { Description = "A hospital-internal research project." };
        var estimate = new Command("estimate", "Estimate the cost of a data request from its preliminary volumes and a price list.") { spec, pricing, internalProject, JsonOutput.Option };
        estimate.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var prices = PriceList.Load(parse.GetValue(pricing)!);
            var workspace = GlobalOptions.Workspace(parse);
            var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
            await LocalCaller.RequireAsync(workspace, caller, LakeAction.CostEstimate, "a cost estimate", cancellationToken: cancellationToken);
            var volumes = await StudyCommand.RunAsync(workspace, SpecificationReader.Load(parse.GetValue(spec)!, workspace.Keys, workspace.Registers), caller.Subject, cancellationToken);
            var result = CostEstimator.Estimate(volumes, prices, parse.GetValue(internalProject));
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new
                {
                    currency = result.Currency,
                    items = result.Items.Select(item => new { description = item.Description, quantity = item.Quantity, unitPrice = item.UnitPrice, amount = item.Amount }),
                    subtotal = result.Subtotal,
                    internalFree = result.InternalFree,
                    total = result.Total,
                });
                return 0;
            }


            var table = new Table().AddColumns("item", "quantity", "unit price", "amount");
            foreach (var item in result.Items)
                table.AddRow(Markup.Escape(item.Description), item.Quantity.ToString("0.###", CultureInfo.InvariantCulture), Money(item.UnitPrice, result.Currency), Money(item.Amount, result.Currency));
            table.AddRow("[bold]total[/]", "", "", $"[bold]{Money(result.Total, result.Currency)}[/]");
            AnsiConsole.Write(table);
            if (result.InternalFree)
                AnsiConsole.MarkupLine($"Hospital-internal project: free of charge (the services would cost {Money(result.Subtotal, result.Currency)}).");
            return 0;
        }));
        return new Command("cost", "Cost estimates for data requests.") { estimate };
    }

    private static string Money(decimal amount, string currency) => amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;
}
