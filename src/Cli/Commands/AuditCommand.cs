using System.CommandLine;
using Lake.Coordinator.Access;
using Lake.Coordinator.Audit;
using Spectre.Console;

namespace Lake.Cli.Commands;

internal static class AuditCommand
{
    /// <summary>Exit code when the audit chain is broken: an entry changed, removed from the middle, or moved.</summary>
    public const int Tampered = 4;

    /// <summary>Exit code when entries were deleted from the end: a checkpoint counts more entries than the log has.</summary>
    public const int Truncated = 5;

    /// <summary>Exit code when an entry carries no valid seal: the chain was rewritten (or added to) without the key ring.</summary>
    public const int Rewritten = 6;

    /// <summary>Exit code when the log is not the one checkpointed: an older copy restored and written to.</summary>
    public const int Forked = 7;

    /// <summary>Exit code when no checkpoint of the log is found where the settings say.</summary>
    public const int Unanchored = 8;

    /// <summary>Exit code when the checkpoint file holds a line not signed with this key ring.</summary>
    public const int CheckpointForged = 9;

    public static int ExitCodeOf(AuditFinding finding) => finding switch
    {
        AuditFinding.Intact => 0,
        AuditFinding.ChainBroken => Tampered,
        AuditFinding.Truncated => Truncated,
        AuditFinding.Rewritten => Rewritten,
        AuditFinding.Forked => Forked,
        AuditFinding.Unanchored => Unanchored,
        AuditFinding.CheckpointForged => CheckpointForged,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain, seals and Merkle tree against its published checkpoints.") { JsonOutput.Option };
        verify.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
            // The log is checked as found, before this command's own decision is appended to it: an
            // append to a log cut short turns it into a fork (its next entry differs from the one
            // checkpointed at that size), and the auditor should hear "truncated" while it still is.
            // The result is shown only once the decision allows it.
            var result = workspace.OpenAuditLog().Verify();
            await LocalCaller.RequireAsync(workspace, caller, LakeAction.ReadAudit, "the audit log", cancellationToken: cancellationToken);
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new
                {
                    intact = result.IsIntact,
                    finding = result.Finding,
                    exitCode = ExitCodeOf(result.Finding),
                    entries = result.Entries,
                    headHash = result.HeadHash,
                    rootHash = result.RootHash,
                    firstBrokenSequence = result.FirstBrokenSequence,
                    problem = result.Problem,
                    checkpoint = result.LatestCheckpoint is { } latest ? new { treeSize = latest.TreeSize, file = result.CheckpointFile } : null,
                });
                return ExitCodeOf(result.Finding);
            }

            if (result.IsIntact)
            {
                AnsiConsole.MarkupLine($"[green]Audit log intact[/]: {result.Entries} entries, head hash {result.HeadHash}, Merkle root {result.RootHash}");
                if (result.LatestCheckpoint is { } checkpoint)
                    AnsiConsole.MarkupLine($"consistent with the checkpoint of size {checkpoint.TreeSize} in {Markup.Escape(result.CheckpointFile)}");
                return 0;
            }

            var title = result.Finding switch
            {
                AuditFinding.ChainBroken => $"Audit log broken at entry {result.FirstBrokenSequence}",
                AuditFinding.Rewritten => $"Audit log rewritten at entry {result.FirstBrokenSequence}",
                AuditFinding.Truncated => "Audit log truncated",
                AuditFinding.Forked => "Audit log forked",
                AuditFinding.Unanchored => "Audit log unanchored",
                _ => "Audit checkpoints forged",
            };
            AnsiConsole.MarkupLine($"[red]{title}[/]: {Markup.Escape(result.Problem ?? "")}");
            return ExitCodeOf(result.Finding);
        }));

        var list = new Command("list", "Show the audit log.") { JsonOutput.Option };
        list.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await LocalCaller.RequireAsync(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken), LakeAction.ReadAudit, "the audit log", cancellationToken: cancellationToken);
            var entries = workspace.OpenAuditLog().ReadAll();
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new
                {
                    entries = entries.Select(e => new { sequence = e.Sequence, at = e.At, actor = e.Actor, action = e.Action, subject = e.Subject, outcome = e.Outcome, detail = e.Detail, hash = e.Hash }),
                });
                return 0;
            }

            var table = new Table().AddColumns("#", "time (UTC)", "actor", "action", "subject", "outcome", "detail");
            foreach (var entry in entries)
            {
                table.AddRow(entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Actor), entry.Action, Markup.Escape(entry.Subject), entry.Outcome, Markup.Escape(entry.Detail));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return new Command("audit", "The append-only audit log of access decisions: hash-chained, sealed, checkpointed.") { verify, list };
    }
}
