using System.CommandLine;
using Lake.Coordinator.Access;
using Spectre.Console;

namespace Lake.Cli.Commands;

internal static class AuditCommand
{
    /// <summary>Exit code when the audit chain is broken: something changed the log.</summary>
    public const int Tampered = 4;

    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain; prints the head hash to keep elsewhere.");
        verify.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            LocalCaller.Require(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken), LakeAction.ReadAudit, "the audit log");
            var result = workspace.OpenAuditLog().Verify();
            if (result.IsIntact)
            {
                AnsiConsole.MarkupLine($"[green]Audit log intact[/]: {result.Entries} entries, head hash {result.HeadHash}");
                return 0;
            }

            AnsiConsole.MarkupLine($"[red]Audit log broken[/] at entry {result.FirstBrokenSequence}: {Markup.Escape(result.Problem ?? "")}");
            return Tampered;
        }));

        var list = new Command("list", "Show the audit log.");
        list.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            LocalCaller.Require(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken), LakeAction.ReadAudit, "the audit log");
            var table = new Table().AddColumns("#", "time (UTC)", "actor", "action", "subject", "outcome", "detail");
            foreach (var entry in workspace.OpenAuditLog().ReadAll())
            {
                table.AddRow(entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Actor), entry.Action, Markup.Escape(entry.Subject), entry.Outcome, Markup.Escape(entry.Detail));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return new Command("audit", "The append-only, hash-chained audit log of access decisions.") { verify, list };
    }
}
