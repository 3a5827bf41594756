using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// `lake audit verify` as the auditor runs it, on a log its commands wrote and an attacker with
/// write access to the database then changed: each kind of tampering has its own exit code and words.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and sets process-wide environment variables.
public sealed class AuditCommandTests
{
    private TempDirectory _root = null!;

    private string Data => Path.Combine(_root.Path, "data");

    private string KeyRing => Path.Combine(_root.Path, "keys", "keyring.json");

    private string Database => new Workspace(Data, KeyRing).ControlPlanePath;

    [SetUp]
    public async Task WriteSomeDecisions()
    {
        _root = new TempDirectory("lake-audit-cli");
        await LakeConsole.InitAsync(Data);
        for (var i = 0; i < 3; i++)
            Assert.That((await AuditAsync("list")).ExitCode, Is.Zero);
    }

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }

    [Test]
    public async Task Verify_LogTheCommandsWrote_IsIntactAndConsistentWithItsCheckpoint()
    {
        var result = await AuditAsync("verify");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("Audit log intact").And.Contain("consistent with the checkpoint of size"));
            Assert.That(Directory.EnumerateFiles(Path.GetDirectoryName(KeyRing)!, "keyring.audit-*.checkpoints"), Has.Exactly(1).Items, "checkpoints beside the key ring");
            Assert.That(Directory.EnumerateFiles(Data, "*.checkpoints", SearchOption.AllDirectories), Is.Empty, "and none in the data folder");
        });
    }

    [Test]
    public async Task Verify_EntryEdited_ExitsTampered()
    {
        AuditTampering.Sql(Database, "DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'refused' WHERE sequence = 2");

        var result = await AuditAsync("verify");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(AuditCommand.Tampered), result.Output);
            Assert.That(result.Output, Does.Contain("broken at entry 2"));
        });
    }

    [Test]
    public async Task Verify_LastEntriesDeleted_ExitsTruncated()
    {
        AuditTampering.DeleteLast(Database, 2);

        var result = await AuditAsync("verify");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(AuditCommand.Truncated), result.Output);
            Assert.That(result.Output, Does.Contain("Audit log truncated").And.Contain("deleted from its end"));
        });
    }

    [Test]
    public async Task Verify_ChainRewrittenWithRecomputedHashes_ExitsRewritten()
    {
        AuditTampering.RewriteFrom(Database, 1, "UPDATE audit SET actor = 'mallory' WHERE sequence = 1");

        var result = await AuditAsync("verify");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(AuditCommand.Rewritten), result.Output);
            Assert.That(result.Output, Does.Contain("Audit log rewritten at entry 1"));
        });
    }

    [Test]
    public async Task Verify_OldCopyRestoredAndWrittenTo_ExitsForked()
    {
        var copy = Path.Combine(_root.Path, "copy.db");
        AuditTampering.Copy(Database, copy);
        await AuditAsync("list");
        await AuditAsync("list");
        AuditTampering.Restore(copy, Database);
        await AuditAsync("list");

        var result = await AuditAsync("verify");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(AuditCommand.Forked), result.Output);
            Assert.That(result.Output, Does.Contain("Audit log forked").And.Contain("older copy"));
        });
    }

    private Task<LakeConsole.Result> AuditAsync(string command) =>
        LakeUsers.AsAsync(Data, KeyRing, LakeUsers.Auditor, () => LakeConsole.RunAsync("audit", command, "--data", Data, "--keyring", KeyRing));
}
