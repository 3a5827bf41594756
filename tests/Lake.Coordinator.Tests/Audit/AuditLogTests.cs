using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Tests.Audit;

public sealed class AuditLogTests
{
    private TempDirectory _folder = null!;
    private string _database = "";

    [SetUp]
    public void CreateLog()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _database = _folder.File("control/lake.db");
        var log = new AuditLog(new ControlPlaneDataSource(_database), TimeProvider.System);
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
    public void Verify_UntouchedLog_IsIntactAndChained()
    {
        var log = new AuditLog(new ControlPlaneDataSource(_database), TimeProvider.System);

        var result = log.Verify();
        var entries = log.ReadAll();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsIntact, Is.True, result.Problem);
            Assert.That(result.Entries, Is.EqualTo(3));
            Assert.That(result.HeadHash, Is.EqualTo(entries[^1].Hash));
            Assert.That(entries[0].PreviousHash, Is.EqualTo(AuditLog.GenesisHash));
            Assert.That(entries[1].PreviousHash, Is.EqualTo(entries[0].Hash));
        });
    }

    [Test]
    public void Update_ThroughSqlite_IsRefusedByTheLog()
    {
        Assert.That(() => Sql("UPDATE audit SET outcome = 'accepted' WHERE sequence = 1"), Throws.TypeOf<SqliteException>().With.Message.Contains("append-only"));
    }

    [Test]
    public void Verify_EntryChangedBehindTheLogsBack_NamesTheEntry()
    {
        Sql("DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'accepted' WHERE sequence = 1");

        var result = new AuditLog(new ControlPlaneDataSource(_database), TimeProvider.System).Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsIntact, Is.False);
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(1));
            Assert.That(result.Problem, Does.Contain("changed"));
        });
    }

    [Test]
    public void Verify_EntryRemoved_NamesTheGap()
    {
        Sql("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence = 2");

        var result = new AuditLog(new ControlPlaneDataSource(_database), TimeProvider.System).Verify();

        Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
    }

    [Test]
    public void Verify_ChainRewrittenFromTheMiddle_IsDetectedWhereTheHashesNoLongerMeet()
    {
        // Rewriting an entry and recomputing its own hash still leaves the next entry pointing at the old one.
        Sql("DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'cohort 7', hash = 'ffff' WHERE sequence = 3");
        Sql("UPDATE audit SET hash = 'eeee' WHERE sequence = 2");

        var result = new AuditLog(new ControlPlaneDataSource(_database), TimeProvider.System).Verify();

        Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
    }

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
