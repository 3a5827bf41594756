using System.CommandLine;
using System.Diagnostics;
using Lake.Contracts.Lake;
using Lake.Extract.Querying;

namespace Lake.Cli.Commands;

/// <summary>
/// <c>lake verify</c>: scrubs the lake, hashing every committed file afresh and comparing it with its
/// commit record, and lists every damaged file (docs/integrity.md). Exit code 0 when every file
/// matches, 1 when any is damaged or missing.
/// </summary>
internal static class VerifyCommand
{
    public const int Damaged = 1;

    public static Command Create()
    {
        var register = new Option<string?>("--register") { Description = "Check only this register's files." };
        var command = new Command("verify", "Check every committed lake file against the size and SHA-256 in its commit record and list each damaged or missing one. Exit code 0 when all match, 1 when any is damaged.")
        {
            register,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var only = parse.GetValue(register);
            if (only is not null)
                workspace.Registers.Get(only);
            var batches = new CommitLog(workspace.Layout).ReadAll().Where(b => only is null || b.Register == only).ToList();
            var withoutChecksum = batches.SelectMany(b => b.Files).Count(f => f.Sha256 is null);

            long bytes = 0;
            var clock = Stopwatch.StartNew();
            var damaged = LakeFileCheck.Scrub(workspace.Layout, batches, b => Interlocked.Add(ref bytes, b));
            var seconds = clock.Elapsed.TotalSeconds;

            foreach (var damage in damaged)
                Console.WriteLine("damaged: " + damage.Describe());
            var files = batches.Sum(b => b.Files.Count);
            Console.WriteLine($"{files:N0} files of {batches.Count:N0} batches{(only is null ? "" : $" of register {only}")}, {bytes / 1e6:N1} MB checked in {seconds:N1} s " +
                $"({(seconds > 0 ? bytes / 1e9 / seconds : 0):N2} GB/s): {(damaged.Count == 0 ? "every file matches its commit record" : $"{damaged.Count} damaged")}.");
            if (withoutChecksum > 0)
                Console.WriteLine($"{withoutChecksum:N0} files were committed before commit records carried checksums; only their presence was checked.");
            if (damaged.Count > 0)
            {
                Console.Error.WriteLine("error: the lake has damaged files; studies and requests that read them fail until each batch's feed is ingested again or the file is restored from backup.");
                return Task.FromResult(Damaged);
            }

            return Task.FromResult(0);
        }));
        return command;
    }
}
