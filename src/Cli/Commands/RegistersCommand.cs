using System.CommandLine;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Cli.Commands;

/// <summary>
/// The registers as data: list them, show one, validate a register file, and see what a change to
/// one would do to the batches already in the lake before it is applied (docs/registers.md).
/// </summary>
internal static class RegistersCommand
{
    public static Command Create()
    {
        var command = new Command("registers", "The registers of the lake: list them, show one, validate a register file, diff two versions.")
        {
            Show(), Validate(), Diff(), JsonOutput.Option,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            if (JsonOutput.Requested(parse))
                JsonOutput.Write(RegistersReport.ListJson(GlobalOptions.Workspace(parse).Registers));
            else
                RegistersReport.PrintList(GlobalOptions.Workspace(parse).Registers);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "A register's name, e.g. laboratory or qr_diabetes." };
        var command = new Command("show", "A register: its description, columns (type, unit, meaning), event column, partitioning, sources, and the versions the lake holds.") { name, JsonOutput.Option };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var register = workspace.Registers.Get(parse.GetValue(name)!);
            var versions = new RegisterVersions(workspace.Layout).VersionsOf(register.Name);
            var snapshot = LakeSnapshot.Take(workspace.Layout, workspace.Registers);
            if (JsonOutput.Requested(parse))
                JsonOutput.Write(RegistersReport.ShowJson(register, versions, snapshot));
            else
                RegistersReport.PrintShow(register, versions, snapshot);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "A register file (YAML)." };
        var command = new Command("validate", "Check a register file: every problem with its line, then whether it is an allowed change of the version the lake holds. Exit code 0 when valid, 2 when not.")
        {
            file,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new FileNotFoundException($"Register file '{path}' does not exist.");
            var problems = RegisterFileReader.Check(File.ReadAllText(path), path, out var register);
            if (register is null)
            {
                RegistersReport.PrintProblems(path, problems);
                return Task.FromResult(CommandAction.UserError);
            }

            var workspace = GlobalOptions.Workspace(parse);
            var earlier = EarlierVersion(workspace, register);
            var changes = earlier is null ? [] : RegisterEvolution.Compare(earlier, register);
            RegistersReport.PrintValidation(path, register, earlier, changes);
            return Task.FromResult(changes.All(c => c.Allowed) ? 0 : CommandAction.UserError);
        }));
        return command;
    }

    private static Command Diff()
    {
        var older = new Argument<string>("old") { Description = "The register as it is: a register file, or a register's name for its current definition." };
        var newer = new Argument<string>("new") { Description = "The register as it would be: a register file." };
        var command = new Command("diff", "What changing a register from OLD to NEW does to the batches already in the lake, and whether the change is allowed. Exit code 0 when allowed, 2 when refused.")
        {
            older, newer,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var before = Resolve(workspace, parse.GetValue(older)!);
            var after = Resolve(workspace, parse.GetValue(newer)!);
            var changes = RegisterEvolution.Compare(before, after);
            var snapshot = LakeSnapshot.Take(workspace.Layout, workspace.Registers);
            RegistersReport.PrintDiff(before, after, changes, snapshot.BatchesOf(before.Name).ToList());
            return Task.FromResult(changes.All(c => c.Allowed) ? 0 : CommandAction.UserError);
        }));
        return command;
    }

    /// <summary>
    /// What the file would follow: the latest version the lake holds a copy of, else the catalog's
    /// current definition (a shipped register being evolved, or the file itself); null for a new register.
    /// </summary>
    private static RegisterDefinition? EarlierVersion(Workspace workspace, RegisterDefinition register)
    {
        var versions = new RegisterVersions(workspace.Layout);
        var held = versions.VersionsOf(register.Name);
        if (held.Count > 0)
            return versions.Get(register.Name, held[^1]);
        return workspace.Registers.TryGet(register.Name, out var current) ? current : null;
    }

    private static RegisterDefinition Resolve(Workspace workspace, string fileOrName) =>
        File.Exists(fileOrName) ? RegisterFileReader.ReadFile(fileOrName) : workspace.Registers.Get(fileOrName);
}
