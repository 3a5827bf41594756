using System.Text.Json;
using Lake.Coordinator.Audit;
using Lake.Coordinator.Audit.Checkpoints;
using Lake.Coordinator.Audit.Merkle;
using Lake.Coordinator.ControlPlane;

namespace Lake.Coordinator.Tests.Audit;

// The checkpoint file: its format, modes and place, what verify makes of it, and the proofs that use it.
public sealed partial class AuditLogTests
{
    [Test]
    public void Append_EachTime_AppendsOneSignedCheckpointLineBesideTheKeyRing()
    {
        var path = Log().CheckpointPath;
        var before = File.ReadAllBytes(path);

        Log().Append("carol", "study.preliminary", "study 1", "answered", "cohort 3 (shown 1-5)");
        var after = File.ReadAllBytes(path);
        var lines = File.ReadAllLines(path);
        using var last = JsonDocument.Parse(lines[^1]);

        Assert.Multiple(() =>
        {
            Assert.That(Path.GetDirectoryName(path), Is.EqualTo(Path.GetDirectoryName(_keyRing.Path)), "beside the key ring, not in the data folder");
            Assert.That(Path.GetFileName(path), Does.Match(@"^keyring\.audit-[0-9a-f]{16}\.checkpoints$"));
            Assert.That(after[..before.Length], Is.EqualTo(before), "earlier checkpoints untouched");
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(last.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "version", "treeSize", "rootHash", "timestamp", "mac" }));
            Assert.That(last.RootElement.GetProperty("treeSize").GetInt64(), Is.EqualTo(4));
            Assert.That(last.RootElement.GetProperty("rootHash").GetString(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(lines[^1], Does.Not.Contain("carol").And.Not.Contain("cohort"), "a checkpoint never holds an entry");
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public void Append_ConfiguredCheckpointFileInAMissingFolder_CreatesItOwnerOnly()
    {
        var path = _folder.File("elsewhere/audit/lake.checkpoints");
        var log = new AuditLog(new ControlPlaneDataSource(_folder.File("other/lake.db")), _keyRing, new AuditOptions { CheckpointFile = path, Syslog = false }, TimeProvider.System);

        log.Append("alice", "catalog.read", "the catalog", "allowed");

        Assert.Multiple(() =>
        {
            Assert.That(log.CheckpointPath, Is.EqualTo(path));
            Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(1));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(_folder.File("elsewhere/audit")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        });
    }

    [Test]
    public void Append_CheckpointFileCannotBeWritten_FailsAndRecordsNothing()
    {
        // A folder where the file should be: open(2) fails, and the entry must not be committed without its checkpoint.
        var path = _folder.File("blocked.checkpoints");
        Directory.CreateDirectory(path);
        var log = new AuditLog(new ControlPlaneDataSource(_database), _keyRing, new AuditOptions { CheckpointFile = path, Syslog = false }, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(() => log.Append("alice", "catalog.read", "the catalog", "allowed"), Throws.InstanceOf<IOException>().With.Message.Contains(path));
            Assert.That(Log().ReadAll(), Has.Count.EqualTo(3));
        });
    }

    [TestCase("file", TestName = "Append_CheckpointFileIsAPlantedLink_IsRefusedAndRecordsNothing")]
    [TestCase("folder", TestName = "Append_CheckpointFolderIsAPlantedLink_IsRefusedAndRecordsNothing")]
    public void Append_CheckpointPathIsAPlantedLink_IsRefusedAndRecordsNothing(string planted)
    {
        var path = _folder.File("audit/lake.checkpoints");
        var link = planted == "file" ? PlantedLink.ToFile(_folder, path) : PlantedLink.ToFolder(_folder, Path.GetDirectoryName(path)!);
        var log = new AuditLog(new ControlPlaneDataSource(_database), _keyRing, new AuditOptions { CheckpointFile = path, Syslog = false }, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(() => log.Append("alice", "catalog.read", "the catalog", "allowed"), link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
            Assert.That(Log().ReadAll(), Has.Count.EqualTo(3), "no entry without its checkpoint");
        });
    }

    [Test]
    public void Verify_CheckpointLineNotSignedWithTheKeyRing_ReportsForgedCheckpoint()
    {
        // A checkpoint for a shorter log, written by someone without the key: it must not make a truncation pass.
        var path = Log().CheckpointPath;
        File.AppendAllText(path, """{"version":1,"treeSize":2,"rootHash":"00000000000000000000000000000000000000000000000000000000000000aa","timestamp":"2026-01-01T00:00:00.0000000Z","mac":"00"}""" + "\n");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.CheckpointForged), result.Problem);
            Assert.That(result.Problem, Does.Contain("line 4"));
        });
    }

    [Test]
    public void Verify_CheckpointCutOffMidLine_IgnoresTheUnfinishedLine()
    {
        var path = Log().CheckpointPath;
        File.AppendAllText(path, """{"version":1,"treeSi""");

        Assert.That(Log().Verify().IsIntact, Is.True);
    }

    [Test]
    public void Verify_NoCheckpointFile_ReportsUnanchored()
    {
        File.Delete(Log().CheckpointPath);

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Unanchored));
            Assert.That(result.Problem, Does.Contain("Audit:CheckpointFile"));
        });
    }

    [Test]
    public void InclusionProof_EveryEntry_VerifiesAgainstTheCheckpointRoot()
    {
        var log = Log();
        for (var i = 0; i < 10; i++)
            log.Append("lake", "request.extract", $"request {i}", "delivered");
        var checkpoint = log.Verify().LatestCheckpoint!;
        var root = Convert.FromHexString(checkpoint.RootHash);

        var failed = log.ReadAll()
            .Where(entry => !MerkleProof.VerifyInclusion(entry.Sequence - 1, checkpoint.TreeSize, MerkleHash.Leaf(AuditEntryFormat.Encode(entry)), log.InclusionProof(entry.Sequence, checkpoint.TreeSize), root))
            .Select(entry => entry.Sequence);

        Assert.That(failed, Is.Empty);
    }

    [Test]
    public void ConsistencyProof_BetweenTwoPublishedCheckpoints_Verifies()
    {
        var log = Log();
        for (var i = 0; i < 9; i++)
            log.Append("lake", "request.extract", $"request {i}", "delivered");
        var heads = new CheckpointFile(log.CheckpointPath).ReadAll().Select(line => line.Head!).ToList();

        var failed = new List<string>();
        foreach (var (older, newer) in new[] { (heads[2], heads[11]), (heads[3], heads[7]), (heads[0], heads[5]) })
        {
            if (!MerkleProof.VerifyConsistency(older.TreeSize, newer.TreeSize, Convert.FromHexString(older.RootHash), Convert.FromHexString(newer.RootHash),
                    log.ConsistencyProof(older.TreeSize, newer.TreeSize)))
                failed.Add($"{older.TreeSize} to {newer.TreeSize}");
        }

        Assert.That(failed, Is.Empty);
    }
}
