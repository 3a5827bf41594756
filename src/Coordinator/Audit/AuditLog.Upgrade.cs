using System.Globalization;
using Lake.Coordinator.Audit.Checkpoints;
using Lake.Coordinator.Audit.Merkle;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Audit;

// The stored tree against the entries, and the one-time sealing of a log written before entries were sealed.
public sealed partial class AuditLog
{
    /// <summary>
    /// The stored tree is a cache of what the entries determine. When its last leaf is not the last
    /// entry's (a database written before the tree existed, or one changed behind the log's back),
    /// it is rebuilt from the entries, so the next checkpoint signs the log as it now is and verify
    /// can tell it from the one published before.
    /// Entries without a seal are sealed only when the log has never been sealed: no checkpoint was
    /// ever published for it and no entry carries a seal. That is the upgrade of a log of the old
    /// format, done once, at the first append, and recorded as an entry of its own. After it, an
    /// entry without a seal was written by someone without the key ring and stays unsealed, for
    /// verify to report.
    /// </summary>
    private void BringTreeUpToDate(SqliteConnection connection, AuditTreeNodes nodes, MerkleTree tree)
    {
        if (IsCurrent(nodes, LastEntry(connection)))
            return;

        var upgrading = !_checkpoints.HasCheckpoints() && !AnySeal(connection);
        nodes.Clear();
        var sealedNow = 0;
        long? brokenAt = null;
        var previous = GenesisHash;
        long expected = 1;
        foreach (var (entry, seal) in ReadEntries(connection))
        {
            var bytes = AuditEntryFormat.Encode(entry);
            if (brokenAt is null && (entry.Sequence != expected || entry.PreviousHash != previous || AuditEntryFormat.ChainHash(bytes) != entry.Hash))
                brokenAt = Math.Min(entry.Sequence, expected);
            previous = entry.Hash;
            expected = entry.Sequence + 1;
            tree.Append(MerkleHash.Leaf(bytes));
            if (seal is not null)
                continue;
            if (upgrading)
            {
                Seal(connection, entry.Sequence, bytes);
                sealedNow++;
            }
            else
            {
                CheckpointLog.UnsealedEntryFound(_logger, entry.Sequence);
            }
        }

        if (sealedNow == 0)
        {
            CheckpointLog.TreeRebuilt(_logger, tree.Size);
            return;
        }

        CheckpointLog.LegacyEntriesSealed(_logger, sealedNow);
        // Sealing vouches for nothing the chain did not: a chain already broken stays broken, and verify says where.
        var chain = brokenAt is { } at ? $"broken at entry {at}" : "intact";
        Insert(connection, tree, "lake", "audit.seal", "the audit log", "sealed",
            string.Create(CultureInfo.InvariantCulture, $"{sealedNow} entries written before entries were sealed, sealed into the Merkle tree; their hash chain was {chain}"));
    }

    private static bool IsCurrent(AuditTreeNodes nodes, AuditEntry? last)
    {
        if (last is null || nodes.LeafCount == 0)
            return last is null && nodes.LeafCount == 0;
        try
        {
            return nodes.Get(0, nodes.LeafCount - 1).AsSpan().SequenceEqual(MerkleHash.Leaf(AuditEntryFormat.Encode(last)));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool AnySeal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM audit_seals)";
        return (long)command.ExecuteScalar()! == 1;
    }
}
