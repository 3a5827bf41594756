using System.CommandLine;
using Lake.Extract.Catalog;

namespace Lake.Cli.Commands;

internal static class CatalogCommand
{
    public static Command Create()
    {
        var command = new Command("catalog", "What the lake holds, per register and source: years, rows, patients, quarantine; and the registers still without data. Small counts suppressed.")
        {
            JsonOutput.Option,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            // No threshold option: the catalog is read by anyone on staff, always at its own rules.
            var disclosure = LakeCatalog.Disclosure();
            var workspace = GlobalOptions.Workspace(parse);
            var catalog = LakeCatalog.Build(workspace.Layout, workspace.Registers, disclosure);
            if (JsonOutput.Requested(parse))
                Console.WriteLine(CatalogReport.Json(catalog, disclosure));
            else
                CatalogReport.Print(catalog, disclosure);
            return Task.FromResult(0);
        }));
        return command;
    }
}
