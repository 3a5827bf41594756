using System.Globalization;
using System.Security.Cryptography;
using Lake.Coordinator.Audit.Checkpoints;
using Lake.Coordinator.Audit.Merkle;

namespace Lake.Coordinator.Audit;

// Verification: the chain, the seals, and the tree against every published checkpoint.
public sealed partial class AuditLog
{
    /// <summary>
    /// Checks, in this order, that every entry follows the one before and still has the hash it was
    /// written with (<see cref="AuditFinding.ChainBroken"/>), carries this key ring's seal
    /// (<see cref="AuditFinding.Rewritten"/>), that every checkpoint in the checkpoint file is signed
    /// with this key ring (<see cref="AuditFinding.CheckpointForged"/>) and is a checkpoint of this
    /// log (<see cref="AuditFinding.Forked"/>), and that no checkpoint counts more entries than
    /// the log has (<see cref="AuditFinding.Truncated"/>). The tree is recomputed from the entries;
    /// the stored one is not trusted. Reads the whole log and the whole checkpoint file.
    /// </summary>
    public AuditVerification Verify()
    {
        using var connection = Open();
        // The write lock, held while both are read: an append writes its checkpoint before it
        // commits, and must not be seen half-done (the checkpoint without its entry).
        Execute(connection, "BEGIN IMMEDIATE");
        var entries = ReadEntries(connection);
        var otherKeyRing = KeyCheckOf(connection) is { } recorded && recorded != _key.KeyCheck();
        var checkpoints = _checkpoints.ReadAll().ToList();
        Execute(connection, "COMMIT");
        return Check(entries, checkpoints, otherKeyRing);
    }

    private AuditVerification Check(List<(AuditEntry Entry, byte[]? Seal)> entries, List<CheckpointLine> checkpoints, bool otherKeyRing)
    {
        var tree = new MerkleTree(new MerkleNodeList());
        var previous = GenesisHash;
        long expected = 1;
        foreach (var (entry, seal) in entries)
        {
            if (entry.Sequence != expected)
                return Broken(AuditFinding.ChainBroken, entries.Count, previous, expected, $"entry {expected} is missing (found {entry.Sequence} next)");
            if (entry.PreviousHash != previous)
                return Broken(AuditFinding.ChainBroken, entries.Count, previous, entry.Sequence, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}");
            var bytes = AuditEntryFormat.Encode(entry);
            if (AuditEntryFormat.ChainHash(bytes) != entry.Hash)
                return Broken(AuditFinding.ChainBroken, entries.Count, previous, entry.Sequence, $"entry {entry.Sequence} was changed after it was written");
            if (seal is null || !_key.IsSeal(bytes, seal))
            {
                var why = otherKeyRing
                    ? "; the log also records another key ring than this one: if --keyring is not this lake's, verify with the right one"
                    : "";
                return Broken(AuditFinding.Rewritten, entries.Count, previous, entry.Sequence,
                    $"entry {entry.Sequence} {(seal is null ? "carries no seal" : "does not carry this key ring's seal")}: the log was rewritten or added to " +
                    $"by someone without the key ring, its chain hashes recomputed{why}");
            }

            tree.Append(MerkleHash.Leaf(bytes));
            previous = entry.Hash;
            expected++;
        }

        var root = tree.RootHash();
        var result = new AuditVerification(AuditFinding.Intact, entries.Count, previous, null, null)
        {
            RootHash = Convert.ToHexStringLower(root),
            CheckpointFile = _checkpoints.Path,
        };

        SignedTreeHead? latest = null;
        (CheckpointLine Line, SignedTreeHead Head)? fork = null;
        foreach (var line in checkpoints)
        {
            if (line.Head is not { } head || !_key.IsSigned(head))
            {
                return result with
                {
                    Finding = AuditFinding.CheckpointForged,
                    Problem = $"line {line.Number} of the checkpoint file {_checkpoints.Path} is not a checkpoint signed with this key ring: the file was written by someone else, or another key ring is in use",
                };
            }

            if (latest is null || head.TreeSize > latest.TreeSize)
                latest = head;
            if (fork is null && head.TreeSize <= tree.Size && !RootIs(tree.RootHash(head.TreeSize), head.RootHash))
                fork = (line, head);
        }

        result = result with { LatestCheckpoint = latest };
        if (fork is { } forked)
        {
            // How far the log still is the checkpointed one says what happened: cut back to that size
            // (entries deleted, or an older copy put back), then written to.
            var matching = checkpoints.Select(line => line.Head!).Where(head => head.TreeSize < forked.Head.TreeSize && RootIs(tree.RootHash(head.TreeSize), head.RootHash))
                .Select(head => head.TreeSize).DefaultIfEmpty(0).Max();
            return result with
            {
                Finding = AuditFinding.Forked,
                FirstBrokenSequence = forked.Head.TreeSize,
                Problem = $"the log is not the one checkpointed: the checkpoint of {When(forked.Head)} (line {forked.Line.Number}) gives the first {forked.Head.TreeSize} entries " +
                    $"the root {forked.Head.RootHash}, the log has {Convert.ToHexStringLower(tree.RootHash(forked.Head.TreeSize))}. " +
                    $"The log matches its checkpoints up to {matching} entries and checkpoints were published up to {latest!.TreeSize}: it was cut back " +
                    "(entries deleted, or an older copy of the database restored) and written to since, or rebuilt",
            };
        }

        if (latest is null)
        {
            return tree.Size == 0 ? result : result with
            {
                Finding = AuditFinding.Unanchored,
                Problem = $"no checkpoint of this log in {_checkpoints.Path}: truncation and rewrites cannot be ruled out; " +
                    "if the checkpoints are kept elsewhere, set Audit:CheckpointFile to that file",
            };
        }

        if (latest.TreeSize > tree.Size)
        {
            return result with
            {
                Finding = AuditFinding.Truncated,
                FirstBrokenSequence = tree.Size + 1,
                Problem = $"the log has {tree.Size} entries but the checkpoint of {When(latest)} counts {latest.TreeSize}: " +
                    $"entries {tree.Size + 1} to {latest.TreeSize} were deleted from its end, or an older copy of the database was restored",
            };
        }

        // What a witness holding only the latest checkpoint would check: the log of today extends it.
        if (!MerkleProof.VerifyConsistency(latest.TreeSize, tree.Size, Convert.FromHexString(latest.RootHash), root, tree.ConsistencyProof(latest.TreeSize, tree.Size)))
        {
            return result with
            {
                Finding = AuditFinding.Forked,
                FirstBrokenSequence = latest.TreeSize,
                Problem = $"the consistency proof from the checkpoint of {When(latest)} (size {latest.TreeSize}) to the log (size {tree.Size}) fails",
            };
        }

        return result;
    }

    private static AuditVerification Broken(AuditFinding finding, long entries, string headHash, long sequence, string problem) =>
        new(finding, entries, headHash, sequence, problem);

    private static bool RootIs(byte[] root, string hex) =>
        hex.Length == MerkleHash.Size * 2 && CryptographicOperations.FixedTimeEquals(root, Convert.FromHexString(hex));

    private static string When(SignedTreeHead head) => head.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
