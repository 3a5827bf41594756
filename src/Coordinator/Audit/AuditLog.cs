using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Audit;

/// <summary>
/// Append-only log of every access decision, kept in the control-plane database. Each entry's hash
/// covers its content and the previous entry's hash, so changing, removing or reordering any entry
/// breaks the chain from there on (<see cref="Verify"/>); triggers refuse updates and deletes
/// through SQLite, and publishing the head hash elsewhere pins the history up to it.
/// </summary>
public sealed class AuditLog
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly ControlPlaneDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <param name="dataSource">The control-plane database, whose schema has the audit table and the triggers that keep it append-only.</param>
    public AuditLog(ControlPlaneDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
    }

    public AuditEntry Append(string actor, string action, string subject, string outcome, string detail = "")
    {
        using var connection = Open();
        // IMMEDIATE: two processes appending at once must not both chain onto the same head.
        Execute(connection, "BEGIN IMMEDIATE");
        var (sequence, previous) = Head(connection);
        var at = _time.GetUtcNow();
        var hash = HashOf(sequence + 1, at, actor, action, subject, outcome, detail, previous);
        Execute(connection, """
            INSERT INTO audit (sequence, at, actor, action, subject, outcome, detail, previous_hash, hash)
            VALUES ($sequence, $at, $actor, $action, $subject, $outcome, $detail, $previous, $hash)
            """,
            ("$sequence", sequence + 1), ("$at", Timestamp(at)), ("$actor", actor), ("$action", action), ("$subject", subject),
            ("$outcome", outcome), ("$detail", detail), ("$previous", previous), ("$hash", hash));
        Execute(connection, "COMMIT");
        return new AuditEntry(sequence + 1, at, actor, action, subject, outcome, detail, previous, hash);
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, at, actor, action, subject, outcome, detail, previous_hash, hash FROM audit ORDER BY sequence";
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        }

        return entries;
    }

    public AuditVerification Verify()
    {
        var previous = GenesisHash;
        long expected = 1;
        var entries = ReadAll();
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
                return new AuditVerification(entries.Count, previous, expected, $"entry {expected} is missing (found {entry.Sequence} next)");
            if (entry.PreviousHash != previous)
                return new AuditVerification(entries.Count, previous, entry.Sequence, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}");
            if (HashOf(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Outcome, entry.Detail, entry.PreviousHash) != entry.Hash)
                return new AuditVerification(entries.Count, previous, entry.Sequence, $"entry {entry.Sequence} was changed after it was written");
            previous = entry.Hash;
            expected++;
        }

        return new AuditVerification(entries.Count, previous, null, null);
    }

    private static (long Sequence, string Hash) Head(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, GenesisHash);
    }

    /// <summary>Fields are length-prefixed so that no two different entries serialise to the same bytes.</summary>
    private static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string outcome, string detail, string previous)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), Timestamp(at), actor, action, subject, outcome, detail, previous })
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

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
