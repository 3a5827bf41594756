using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Audit;

// Databases written before entries were sealed, and commands pointed at the wrong key ring.
public sealed partial class AuditLogTests
{
    [Test]
    public void Append_LogOfTheOldFormat_SealsItsEntriesOnceAndVerifies()
    {
        var legacy = LegacyDatabase(breakAt: null);
        var log = new AuditLog(new ControlPlaneDataSource(legacy), _keyRing, new AuditOptions { Syslog = false }, TimeProvider.System);

        log.Append("dana", "permit.show", "permit P-1", "shown");
        log.Append("dana", "permit.show", "permit P-2", "shown");
        var entries = log.ReadAll();
        var result = log.Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsIntact, Is.True, result.Problem);
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "request.submit", "request.submit", "request.extract", "audit.seal", "permit.show", "permit.show" }));
            Assert.That(entries[3].Detail, Does.Contain("3 entries").And.Contain("intact"));
            Assert.That(entries.Count(e => e.Action == "audit.seal"), Is.EqualTo(1), "sealed once");
            Assert.That(result.LatestCheckpoint?.TreeSize, Is.EqualTo(6));
        });
    }

    [Test]
    public void Append_LogOfTheOldFormatWithABrokenChain_SealsItButVerifyStillNamesTheBreak()
    {
        var legacy = LegacyDatabase(breakAt: 2);
        var log = new AuditLog(new ControlPlaneDataSource(legacy), _keyRing, new AuditOptions { Syslog = false }, TimeProvider.System);

        log.Append("dana", "permit.show", "permit P-1", "shown");
        var result = log.Verify();

        Assert.Multiple(() =>
        {
            Assert.That(log.ReadAll()[3].Detail, Does.Contain("broken at entry 2"));
            Assert.That(result.Finding, Is.EqualTo(AuditFinding.ChainBroken));
            Assert.That(result.FirstBrokenSequence, Is.EqualTo(2));
        });
    }

    [Test]
    public void Verify_LogOfTheOldFormatNotYetAppendedTo_IsUnanchored()
    {
        var legacy = LegacyDatabase(breakAt: null);

        var result = new AuditLog(new ControlPlaneDataSource(legacy), _keyRing, new AuditOptions { Syslog = false }, TimeProvider.System).Verify();

        // No seal yet: reported, not passed, until the first append seals it.
        Assert.That(result.Finding, Is.EqualTo(AuditFinding.Rewritten));
    }

    [Test]
    public void Append_AnotherKeyRing_IsRefusedBeforeAnythingIsWritten()
    {
        var other = KeyRing.OpenOrCreate(_folder.File("elsewhere/keyring.json"), TimeProvider.System);
        var log = new AuditLog(new ControlPlaneDataSource(_database), other, new AuditOptions { Syslog = false }, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(() => log.Append("alice", "catalog.read", "the catalog", "allowed"),
                Throws.TypeOf<InvalidDataException>().With.Message.Contains("another key ring").And.Message.Contains("--keyring"));
            Assert.That(Log().ReadAll(), Has.Count.EqualTo(3));
            Assert.That(Log().Verify().IsIntact, Is.True);
        });
    }

    /// <summary>A control-plane database whose audit table was written the old way: chain hashes, no seals, no tree.</summary>
    private string LegacyDatabase(long? breakAt)
    {
        var path = _folder.File("legacy/lake.db");
        _ = new ControlPlaneDataSource(path);
        var previous = AuditLog.GenesisHash;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        string[] actions = ["request.submit", "request.submit", "request.extract"];
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var at = $"2025-0{sequence}-01T08:00:00.0000000Z";
            var hash = AuditTampering.ChainHash(sequence, at, "alice", actions[sequence - 1], $"request {sequence}", "accepted", "", previous);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO audit (sequence, at, actor, action, subject, outcome, detail, previous_hash, hash)
                VALUES ($sequence, $at, 'alice', $action, $subject, 'accepted', $detail, $previous, $hash)
                """;
            insert.Parameters.AddWithValue("$sequence", sequence);
            insert.Parameters.AddWithValue("$at", at);
            insert.Parameters.AddWithValue("$action", actions[sequence - 1]);
            insert.Parameters.AddWithValue("$subject", $"request {sequence}");
            // The broken entry's content no longer matches the hash it was written with.
            insert.Parameters.AddWithValue("$detail", sequence == breakAt ? "edited" : "");
            insert.Parameters.AddWithValue("$previous", previous);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.ExecuteNonQuery();
            previous = hash;
        }

        return path;
    }
}
