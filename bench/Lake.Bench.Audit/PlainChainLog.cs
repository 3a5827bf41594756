using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Bench.Audit;

/// <summary>
/// The append as it was before entries were sealed (AuditLog.Append at 750e575): one transaction,
/// the head read, a plain SHA-256 chain hash, one insert. Kept here, and only here, as the baseline.
/// </summary>
internal sealed class PlainChainLog(ControlPlaneDataSource dataSource, TimeProvider time)
{
    private const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public void Append(string actor, string action, string subject, string outcome, string detail)
    {
        using var connection = dataSource.Open();
        Execute(connection, "BEGIN IMMEDIATE");
        var (sequence, previous) = Head(connection);
        var at = time.GetUtcNow();
        var hash = HashOf(sequence + 1, at, actor, action, subject, outcome, detail, previous);
        Execute(connection, """
            INSERT INTO audit (sequence, at, actor, action, subject, outcome, detail, previous_hash, hash)
            VALUES ($sequence, $at, $actor, $action, $subject, $outcome, $detail, $previous, $hash)
            """,
            ("$sequence", sequence + 1), ("$at", Timestamp(at)), ("$actor", actor), ("$action", action), ("$subject", subject),
            ("$outcome", outcome), ("$detail", detail), ("$previous", previous), ("$hash", hash));
        Execute(connection, "COMMIT");
    }

    private static (long Sequence, string Hash) Head(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, GenesisHash);
    }

    private static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string outcome, string detail, string previous)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), Timestamp(at), actor, action, subject, outcome, detail, previous })
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
