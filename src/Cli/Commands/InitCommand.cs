using System.CommandLine;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake init`: an empty data folder, the one command besides `lake demo` that creates one. Every
/// other command refuses a folder that does not exist, so a typing mistake cannot start a new lake.
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Create an empty data folder (--data, default $LAKE_DATA or ./lake-data), owner-only, with the layout the other commands use.");
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var workspace = new Workspace(parse.GetValue(GlobalOptions.Data)!, parse.GetValue(GlobalOptions.KeyRing));
            if (DataFolder.IsInitialized(workspace))
            {
                Console.WriteLine($"{workspace.DataFolder} is already a Lake data folder; nothing changed.");
                return Task.FromResult(0);
            }

            if (Directory.Exists(workspace.DataFolder) && Directory.EnumerateFileSystemEntries(workspace.DataFolder).Any())
                throw new ArgumentException($"'{workspace.DataFolder}' is not empty and holds no lake; name a new or empty folder with --data.");

            DataFolder.Create(workspace);
            Console.WriteLine($"Created the data folder {workspace.DataFolder} (lake/, control/lake.db, delivery/, feeds/, registers/; owner-only).");
            Console.WriteLine($"Next: 'lake users add NAME --role staff --data {parse.GetValue(GlobalOptions.Data)}' for the first staff account, then 'lake ingest'.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
