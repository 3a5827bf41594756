using System.CommandLine;
using Lake.Cli.Terminal;
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
        command.SetAction((parse, _) => CommandAction.RunAsync(async () =>
        {
            // No threshold option: the catalog is read by anyone on staff, always at its own rules.
            var disclosure = LakeCatalog.Disclosure();
            var workspace = GlobalOptions.Workspace(parse);
            var catalog = await CommandProgress.RunAsync("catalog", "reading the lake's batches", null, announce: false,
                _ => Task.FromResult(LakeCatalog.Build(workspace.Layout, workspace.Registers, disclosure)));
            if (JsonOutput.Requested(parse))
                Console.WriteLine(CatalogReport.Json(catalog, disclosure));
            else
                CatalogReport.Print(catalog, disclosure);
            return 0;
        }));
        return command;
    }
}
