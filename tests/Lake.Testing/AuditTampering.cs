using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Lake.Testing;

/// <summary>
/// What an attacker who can write the control-plane database file does to its audit log, through
/// SQLite itself: drop the triggers, change or delete rows, recompute the chain hashes from the
/// published format, put an older copy of the file back. Holds neither the key ring nor the
/// checkpoint file; everything here is written from the format, not borrowed from the log's code.
/// </summary>
public static class AuditTampering
{
    public static void Sql(string database, string sql)
    {
        using var connection = Connect(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the last <paramref name="count"/> entries and their seals.</summary>
    public static void DeleteLast(string database, int count) =>
        Sql(database, $"""
            DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_seals_no_delete;
            DELETE FROM audit_seals WHERE sequence > (SELECT MAX(sequence) FROM audit) - {count};
            DELETE FROM audit WHERE sequence > (SELECT MAX(sequence) FROM audit) - {count};
            """);

    /// <summary>Applies <paramref name="change"/> (SQL), then recomputes every chain hash from entry <paramref name="first"/> on.</summary>
    public static void RewriteFrom(string database, long first, string change)
    {
        Sql(database, "DROP TRIGGER IF EXISTS audit_no_update; " + change);
        using var connection = Connect(database);
        var rows = new List<(long Sequence, string[] Fields, string Previous)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT sequence, at, actor, action, subject, outcome, detail, previous_hash FROM audit WHERE sequence >= $first ORDER BY sequence";
            read.Parameters.AddWithValue("$first", first);
            using var reader = read.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetInt64(0), [.. Enumerable.Range(1, 6).Select(reader.GetString)], reader.GetString(7)));
        }

        var previous = rows[0].Previous;
        foreach (var (sequence, fields, _) in rows)
        {
            var hash = ChainHash(sequence, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], previous);
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit SET previous_hash = $previous, hash = $hash WHERE sequence = $sequence";
            update.Parameters.AddWithValue("$previous", previous);
            update.Parameters.AddWithValue("$hash", hash);
            update.Parameters.AddWithValue("$sequence", sequence);
            update.ExecuteNonQuery();
            previous = hash;
        }
    }

    /// <summary>The chain hash from the published format: length-prefixed fields, SHA-256, lower-case hex.</summary>
    public static string ChainHash(long sequence, string at, string actor, string action, string subject, string outcome, string detail, string previous)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), at, actor, action, subject, outcome, detail, previous })
            text.Append(CultureInfo.InvariantCulture, $"{field.Length}:{field};");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A consistent copy of the database as it is now (its write-ahead log included).</summary>
    public static void Copy(string database, string copy) => Sql(database, $"VACUUM INTO '{copy}'");

    /// <summary>Puts a copy back as the database file, without the newer write-ahead log beside it.</summary>
    public static void Restore(string copy, string database)
    {
        SqliteConnection.ClearAllPools();
        File.Copy(copy, database, overwrite: true);
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
    }

    private static SqliteConnection Connect(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return connection;
    }
}
