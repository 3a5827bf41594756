using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Tests.Audit;

public sealed partial class AuditLogTests
{
    private TempDirectory _folder = null!;
    private string _database = "";
    private KeyRing _keyRing = null!;

    [SetUp]
    public void CreateLog()
    {
        _folder = new TempDirectory("lake-audit-tests");
        _database = _folder.File("control/lake.db");
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        var log = Log();
        log.Append("alice", "request.submit", "request 1", "refused", "not a member");
        log.Append("bob", "request.submit", "request 2", "accepted");
        log.Append("lake", "request.extract", "request 2", "delivered", "cohort 42");
    }

    [TearDown]
    public void RemoveLog()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Test]
    public void Verify_UntouchedLog_IsIntactChainedAndMatchesItsCheckpoint()
    {
        var log = Log();

        var result = log.Verify();
        var entries = log.ReadAll();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsIntact, Is.True, result.Problem);
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Intact));
            Assert.That(result.Entries, Is.EqualTo(3));
            Assert.That(result.HeadHash, Is.EqualTo(entries[^1].Hash));
            Assert.That(entries[0].PreviousHash, Is.EqualTo(AuditLog.GenesisHash));
            Assert.That(entries[1].PreviousHash, Is.EqualTo(entries[0].Hash));
            Assert.That(result.LatestCheckpoint?.TreeSize, Is.EqualTo(3));
            Assert.That(result.LatestCheckpoint?.RootHash, Is.EqualTo(result.RootHash));
        });
    }

    [Test]
    public void About_Subject_FindsItsVersionsButNotASubjectThatOnlyStartsAlike()
    {
        var log = Log();
        log.Append("staff", "permit.amend", "request 2 v2", "amended");
        log.Append("staff", "permit.amend", "request 20", "amended");

        var about = log.About("request 2");

        Assert.That(about.Select(e => (e.Subject, e.Outcome)), Is.EqualTo(new[] { ("request 2", "accepted"), ("request 2", "delivered"), ("request 2 v2", "amended") }));
    }

    [Test]
    public void Verify_ManyAppendsThroughSeveralLogs_StaysIntactAfterEach()
    {
        // Appends from several instances, as the server and the commands make them; the stored
        // tree is carried on by each, never rebuilt.
        var problems = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var log = Log();
            for (var i = 0; i < 30; i++)
                log.Append($"user{i % 4}", "study.preliminary", $"study {round}-{i}", "answered", $"cohort {i}; Sisätaudit");
            var result = Log().Verify();
            if (!result.IsIntact || result.LatestCheckpoint?.TreeSize != result.Entries)
                problems.Add($"round {round}: {result.Finding} {result.Problem} (checkpoint {result.LatestCheckpoint?.TreeSize}, entries {result.Entries})");
        }

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(Log().ReadAll(), Has.Count.EqualTo(303));
            Assert.That(File.ReadLines(Log().CheckpointPath).Count(), Is.EqualTo(303), "one checkpoint per append");
        });
    }

    [Test]
    public void Update_ThroughSqlite_IsRefusedByTheLog()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Sql("UPDATE audit SET outcome = 'accepted' WHERE sequence = 1"), Throws.TypeOf<SqliteException>().With.Message.Contains("append-only"));
            Assert.That(() => Sql("DELETE FROM audit_seals WHERE sequence = 3"), Throws.TypeOf<SqliteException>().With.Message.Contains("append-only"));
        });
    }

    [Test]
    public void Verify_EntryChangedBehindTheLogsBack_NamesTheEntry()
    {
        Sql("DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'accepted' WHERE sequence = 1");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.ChainBroken));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(1));
            Assert.That(result.Problem, Does.Contain("changed"));
        });
    }

    [Test]
    public void Verify_EntryRemoved_NamesTheGap()
    {
        Sql("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence = 2");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.ChainBroken));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
        });
    }

    [Test]
    public void Verify_ChainRewrittenFromTheMiddle_IsDetectedWhereTheHashesNoLongerMeet()
    {
        // Rewriting an entry and recomputing its own hash still leaves the next entry pointing at the old one.
        Sql("DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'cohort 7', hash = 'ffff' WHERE sequence = 3");
        Sql("UPDATE audit SET hash = 'eeee' WHERE sequence = 2");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.ChainBroken));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
        });
    }

    [Test]
    public void Verify_EntriesReordered_BreaksTheChain()
    {
        Sql("""
            DROP TRIGGER audit_no_update;
            UPDATE audit SET sequence = 100 WHERE sequence = 1;
            UPDATE audit SET sequence = 1 WHERE sequence = 2;
            UPDATE audit SET sequence = 2 WHERE sequence = 100;
            """);

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.ChainBroken));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(1));
        });
    }

    private AuditLog Log() => new(new ControlPlaneDataSource(_database), _keyRing, new AuditOptions { Syslog = false }, TimeProvider.System);

    private void Sql(string sql) => AuditTampering.Sql(_database, sql);
}
