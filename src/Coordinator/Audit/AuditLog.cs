using System.Globalization;
using Lake.Coordinator.Audit.Checkpoints;
using Lake.Coordinator.Audit.Merkle;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lake.Coordinator.Audit;

/// <summary>
/// Append-only log of every access decision, kept in the control-plane database. Three layers, each
/// catching what the one before cannot:
/// <list type="bullet">
/// <item>a hash chain: each entry's hash covers its content and the previous entry's hash, so an
/// entry changed, removed or moved breaks the chain from there on;</item>
/// <item>a seal per entry, an HMAC under the key ring's audit key, so a chain rewritten with
/// recomputed hashes by someone who can write the database but not read the key ring no longer
/// verifies;</item>
/// <item>a Merkle tree over the entries (RFC 9162) whose signed tree head is published outside the
/// database at every append (<see cref="CheckpointFile"/>, syslog, a witness), so a log cut short,
/// or an older copy of the database put back, no longer matches what was published.</item>
/// </list>
/// Triggers refuse updates and deletes through SQLite. <see cref="Verify"/> checks all three.
/// </summary>
public sealed partial class AuditLog
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string KeyCheckName = "key_check";

    private readonly ControlPlaneDataSource _dataSource;
    private readonly AuditKey _key;
    private readonly IKeyStore _keyRing;
    private readonly CheckpointFile _checkpoints;
    private readonly IReadOnlyList<ICheckpointPublisher> _publishers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _keyChecked;

    /// <summary>A log publishing its checkpoints where the default <see cref="AuditOptions"/> say.</summary>
    public AuditLog(ControlPlaneDataSource dataSource, IKeyStore keyRing, TimeProvider time)
        : this(dataSource, keyRing, new AuditOptions(), time)
    {
    }

    /// <param name="dataSource">The control-plane database, whose schema has the audit tables and the triggers that keep them append-only.</param>
    /// <param name="keyRing">The key ring whose audit key seals entries and signs checkpoints.</param>
    /// <exception cref="ArgumentException">The witness address is not an http(s) address.</exception>
    public AuditLog(ControlPlaneDataSource dataSource, IKeyStore keyRing, AuditOptions options, TimeProvider time, ILogger? logger = null)
        : this(dataSource, keyRing, new CheckpointFile(options.CheckpointFile is { Length: > 0 } file ? file : CheckpointFile.DefaultPath(keyRing.Path, dataSource.DatabasePath)),
            Publishers(options, time, logger ?? NullLogger.Instance), time, logger)
    {
    }

    internal AuditLog(ControlPlaneDataSource dataSource, IKeyStore keyRing, CheckpointFile checkpoints, IReadOnlyList<ICheckpointPublisher> publishers, TimeProvider time, ILogger? logger)
    {
        _dataSource = dataSource;
        _keyRing = keyRing;
        _key = new AuditKey(keyRing);
        _checkpoints = checkpoints;
        _publishers = publishers;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The file the checkpoints are appended to and verified against.</summary>
    public string CheckpointPath => _checkpoints.Path;

    /// <exception cref="InvalidDataException">The log is sealed with another key ring than this one.</exception>
    /// <exception cref="IOException">The checkpoint file cannot be appended to; nothing was recorded.</exception>
    public AuditEntry Append(string actor, string action, string subject, string outcome, string detail = "")
    {
        AuditEntry entry;
        SignedTreeHead head;
        // A failure anywhere before COMMIT leaves nothing: disposing the connection rolls back.
        using (var connection = Open())
        {
            // IMMEDIATE: two processes appending at once must not both chain onto the same head.
            Execute(connection, "BEGIN IMMEDIATE");
            CheckKey(connection);
            using var nodes = new AuditTreeNodes(connection);
            var tree = new MerkleTree(nodes);
            BringTreeUpToDate(connection, nodes, tree);
            entry = Insert(connection, tree, actor, action, subject, outcome, detail);
            head = _key.Sign(tree.Size, tree.RootHash(), entry.At);
            // Written before the commit and under the database's write lock, so checkpoints reach the
            // file in the order of the sizes they sign, whichever process appends. A crash between
            // the two leaves a checkpoint one entry ahead of the log: verify then reports the log
            // short, which is the safe way to be wrong.
            _checkpoints.Append(head);
            Execute(connection, "COMMIT");
        }

        Publish(head);
        return entry;
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        using var connection = Open();
        return [.. ReadEntries(connection).Select(row => row.Entry)];
    }

    /// <summary>
    /// The entries about one thing, oldest first: those whose subject is <paramref name="subject"/>
    /// or starts with it and a space ("permit P1" finds "permit P1 v2", not "permit P10").
    /// </summary>
    public IReadOnlyList<AuditEntry> About(string subject)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, at, actor, action, subject, outcome, detail, previous_hash, hash FROM audit
            WHERE subject = $subject OR substr(subject, 1, length($prefix)) = $prefix ORDER BY sequence
            """;
        command.Parameters.AddWithValue("$subject", subject);
        command.Parameters.AddWithValue("$prefix", subject + " ");
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
            entries.Add(EntryOf(reader));
        return entries;
    }

    /// <summary>
    /// The inclusion proof of an entry in the tree of the first <paramref name="treeSize"/> entries
    /// (RFC 9162 §2.1.3), from the stored tree: checked with <see cref="MerkleProof.VerifyInclusion"/>
    /// against a checkpoint of that size, it shows the entry is in the log the checkpoint signs.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(long sequence, long treeSize)
    {
        using var connection = Open();
        using var nodes = new AuditTreeNodes(connection);
        return new MerkleTree(nodes).InclusionProof(sequence - 1, treeSize);
    }

    /// <summary>The consistency proof (RFC 9162 §2.1.4) between two tree sizes, from the stored tree.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        using var connection = Open();
        using var nodes = new AuditTreeNodes(connection);
        return new MerkleTree(nodes).ConsistencyProof(oldSize, newSize);
    }

    private static IReadOnlyList<ICheckpointPublisher> Publishers(AuditOptions options, TimeProvider time, ILogger logger)
    {
        var publishers = new List<ICheckpointPublisher>();
        if (options.Syslog)
            publishers.Add(new SyslogCheckpoints(SyslogCheckpoints.DefaultSocket, logger));
        if (options.WitnessUrl is { Length: > 0 } witness)
            publishers.Add(new WitnessCheckpoints(witness, options, time, logger));
        return publishers;
    }

    private AuditEntry Insert(SqliteConnection connection, MerkleTree tree, string actor, string action, string subject, string outcome, string detail)
    {
        var last = LastEntry(connection);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? GenesisHash;
        var at = _time.GetUtcNow();
        var bytes = AuditEntryFormat.Encode(sequence, at, actor, action, subject, outcome, detail, previous);
        var hash = AuditEntryFormat.ChainHash(bytes);
        Execute(connection, """
            INSERT INTO audit (sequence, at, actor, action, subject, outcome, detail, previous_hash, hash)
            VALUES ($sequence, $at, $actor, $action, $subject, $outcome, $detail, $previous, $hash)
            """,
            ("$sequence", sequence), ("$at", AuditEntryFormat.Timestamp(at)), ("$actor", actor), ("$action", action), ("$subject", subject),
            ("$outcome", outcome), ("$detail", detail), ("$previous", previous), ("$hash", hash));
        Seal(connection, sequence, bytes);
        tree.Append(MerkleHash.Leaf(bytes));
        return new AuditEntry(sequence, at, actor, action, subject, outcome, detail, previous, hash);
    }

    private void Seal(SqliteConnection connection, long sequence, byte[] entry) =>
        Execute(connection, "INSERT INTO audit_seals (sequence, seal) VALUES ($sequence, $seal)", ("$sequence", sequence), ("$seal", _key.Seal(entry)));

    /// <summary>
    /// Stops a command pointed at another key ring before it seals an entry: its seals and
    /// checkpoints would be ones this lake's key ring cannot verify.
    /// </summary>
    private void CheckKey(SqliteConnection connection)
    {
        if (_keyChecked)
            return;
        var mine = _key.KeyCheck();
        var recorded = KeyCheckOf(connection);
        if (recorded is null)
            Execute(connection, "INSERT INTO audit_meta (name, value) VALUES ($name, $value)", ("$name", KeyCheckName), ("$value", mine));
        else if (recorded != mine)
        {
            throw new InvalidDataException(
                $"The audit log in {_dataSource.DatabasePath} is sealed with another key ring than {_keyRing.Path}; " +
                $"point --keyring (or {KeyRingLocation.EnvironmentVariable}) at this lake's key ring.");
        }

        _keyChecked = true;
    }

    private static string? KeyCheckOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM audit_meta WHERE name = $name";
        command.Parameters.AddWithValue("$name", KeyCheckName);
        return command.ExecuteScalar() as string;
    }

    private void Publish(SignedTreeHead head)
    {
        foreach (var publisher in _publishers)
        {
            try
            {
                publisher.Publish(head);
            }
            catch (Exception e)
            {
                // The entry is committed and its checkpoint in the file; a second copy is not worth failing the decision for.
                CheckpointLog.PublishFailed(_logger, head.TreeSize, e.Message);
            }
        }
    }

    private static AuditEntry? LastEntry(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, at, actor, action, subject, outcome, detail, previous_hash, hash FROM audit ORDER BY sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? EntryOf(reader) : null;
    }

    /// <summary>Every entry in order, with its seal when it has one.</summary>
    private static List<(AuditEntry Entry, byte[]? Seal)> ReadEntries(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.sequence, a.at, a.actor, a.action, a.subject, a.outcome, a.detail, a.previous_hash, a.hash, s.seal
            FROM audit a LEFT JOIN audit_seals s ON s.sequence = a.sequence ORDER BY a.sequence
            """;
        using var reader = command.ExecuteReader();
        var entries = new List<(AuditEntry, byte[]?)>();
        while (reader.Read())
            entries.Add((EntryOf(reader), reader.IsDBNull(9) ? null : (byte[])reader.GetValue(9)));
        return entries;
    }

    private static AuditEntry EntryOf(SqliteDataReader reader) =>
        new(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8));

    private SqliteConnection Open() => _dataSource.Open();

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
