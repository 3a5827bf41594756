using Lake.Coordinator.Audit;

namespace Lake.Coordinator.Tests.Audit;

// What an attacker who can write the database file, but not read the key ring or rewrite the
// checkpoint file, can try; each must be caught with its own finding.
public sealed partial class AuditLogTests
{
    [TestCase(1)]
    [TestCase(2)]
    public void Verify_LastEntriesDeletedThroughSqlite_ReportsTruncation(int deleted)
    {
        // Entries deleted from the end leave a shorter chain that is intact on its own.
        AuditTampering.DeleteLast(_database, deleted);

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Truncated), result.Problem);
            Assert.That(result.Entries, Is.EqualTo(3 - deleted));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(4 - deleted));
            Assert.That(result.Problem, Does.Contain("deleted").And.Contain("counts 3"));
        });
    }

    [Test]
    public void Verify_WholeChainRewrittenWithRecomputedHashes_ReportsRewrite()
    {
        // Entry 2's outcome changed and every hash from there recomputed: the chain alone is
        // intact again, but the seals were made with a key the attacker does not have.
        AuditTampering.RewriteFrom(_database, 2, "UPDATE audit SET outcome = 'refused', detail = 'not a member' WHERE sequence = 2");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Rewritten), result.Problem);
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
            Assert.That(result.Problem, Does.Contain("rewritten"));
        });
    }

    [Test]
    public void Verify_RewrittenWithTheSealsRemoved_ReportsRewrite()
    {
        AuditTampering.RewriteFrom(_database, 1, "UPDATE audit SET actor = 'mallory' WHERE sequence = 1");
        Sql("DROP TRIGGER audit_seals_no_delete; DELETE FROM audit_seals");

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Rewritten), result.Problem);
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(1));
            Assert.That(result.Problem, Does.Contain("carries no seal"));
        });
    }

    [Test]
    public void Append_AfterEntriesInjectedThroughSqlite_LeavesThemUnsealedForVerify()
    {
        // An entry added with a correct chain hash; the next real append must not seal it.
        var last = Log().ReadAll()[^1];
        const string At = "2026-01-01T00:00:00.0000000Z";
        Sql($"""
            INSERT INTO audit (sequence, at, actor, action, subject, outcome, detail, previous_hash, hash)
            VALUES (4, '{At}', 'mallory', 'permit.add', 'permit P-9', 'recorded', '', '{last.Hash}',
                    '{AuditTampering.ChainHash(4, At, "mallory", "permit.add", "permit P-9", "recorded", "", last.Hash)}')
            """);

        Log().Append("bob", "request.status", "request 2", "shown");
        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Rewritten), result.Problem);
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(4));
        });
    }

    [Test]
    public void Verify_OldCopyRestoredAfterMoreAppends_ReportsFork()
    {
        // The copy is taken at 3 entries; the log grows to 6 and publishes those checkpoints; the
        // copy is put back and the lake carries on writing to it.
        var copy = CopyDatabase();
        var log = Log();
        log.Append("alice", "request.submit", "request 3", "accepted");
        log.Append("alice", "request.submit", "request 4", "accepted");
        log.Append("alice", "request.submit", "request 5", "accepted");
        Restore(copy);

        Log().Append("carol", "study.preliminary", "study 1", "answered");
        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Forked), result.Problem);
            Assert.That(result.Entries, Is.EqualTo(4));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(4), "the first checkpoint the restored log does not match");
            Assert.That(result.Problem, Does.Contain("older copy").And.Contain("up to 3 entries").And.Contain("published up to 6"));
        });
    }

    [Test]
    public void Verify_OldCopyRestoredAndGrownPastTheCheckpoints_ReportsFork()
    {
        var copy = CopyDatabase();
        Log().Append("alice", "request.submit", "request 3", "accepted");
        Restore(copy);

        var log = Log();
        for (var i = 0; i < 5; i++)
            log.Append("carol", "study.preliminary", $"study {i}", "answered");
        var result = Log().Verify();

        Assert.That(result.Finding, Is.EqualTo(AuditFinding.Forked), result.Problem);
    }

    [Test]
    public void Verify_OldCopyRestoredAndNotWrittenTo_ReportsTruncation()
    {
        var copy = CopyDatabase();
        Log().Append("alice", "request.submit", "request 3", "accepted");
        Restore(copy);

        var result = Log().Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.Truncated), result.Problem);
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(4));
        });
    }

    [Test]
    public void Verify_DatabaseReplacedByAFreshLog_ReportsFork()
    {
        // A whole new log, sealed by the lake itself (the attacker deleted the database and waited):
        // every entry verifies, but not against what was published.
        File.Delete(_database);
        File.Delete(_database + "-wal");
        File.Delete(_database + "-shm");
        var log = Log();
        for (var i = 0; i < 4; i++)
            log.Append("lake", "permit.close-expired", "permits", "closed");

        Assert.That(Log().Verify().Finding, Is.EqualTo(AuditFinding.Forked));
    }

    private string CopyDatabase()
    {
        var copy = _folder.File("copy.db");
        AuditTampering.Copy(_database, copy);
        return copy;
    }

    private void Restore(string copy) => AuditTampering.Restore(copy, _database);
}
