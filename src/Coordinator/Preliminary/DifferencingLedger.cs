using System.Globalization;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// Remembers, per user, which patients each preliminary study counted, as keyed 8-byte tokens (not
/// linkable to anything without the key ring), so that two cohorts differing by a handful of
/// patients cannot be asked one after the other: the difference of two allowed counts would reveal
/// a count below the threshold. Kept for a retention period, then forgotten.
/// </summary>
public sealed class DifferencingLedger
{
    private readonly ControlPlaneDataSource _dataSource;
    private readonly TimeProvider _time;

    public DifferencingLedger(ControlPlaneDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
    }

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(365);

    /// <summary>A reason to refuse, when the cohort differs from one of the user's earlier cohorts by 1 to threshold patients.</summary>
    public string? Refusal(string user, IReadOnlyCollection<ulong> cohort, int threshold)
    {
        var current = cohort.ToHashSet();
        foreach (var (at, title, earlier) in Earlier(user))
        {
            var difference = current.Count(t => !earlier.Contains(t)) + earlier.Count(t => !current.Contains(t));
            if (difference >= 1 && difference <= threshold)
            {
                return $"This cohort differs from your preliminary study '{title}' of {at:yyyy-MM-dd HH:mm} by {threshold} patients or fewer; " +
                    "answering both would reveal counts below the suppression threshold. Widen or change the criteria, or apply for a permit.";
            }
        }

        return null;
    }

    public void Record(string user, string title, IReadOnlyCollection<ulong> cohort)
    {
        var tokens = new byte[cohort.Count * sizeof(ulong)];
        var i = 0;
        foreach (var token in cohort.Order())
            BitConverter.TryWriteBytes(tokens.AsSpan(i++ * sizeof(ulong)), token);

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM preliminary_ledger WHERE at < $oldest; INSERT INTO preliminary_ledger (user, at, title, tokens) VALUES ($user, $at, $title, $tokens)";
        command.Parameters.AddWithValue("$oldest", (_time.GetUtcNow() - Retention).ToString("O"));
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$tokens", tokens);
        command.ExecuteNonQuery();
    }

    private List<(DateTimeOffset At, string Title, HashSet<ulong> Tokens)> Earlier(string user)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, title, tokens FROM preliminary_ledger WHERE user = $user AND at >= $oldest";
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$oldest", (_time.GetUtcNow() - Retention).ToString("O"));
        using var reader = command.ExecuteReader();
        var earlier = new List<(DateTimeOffset, string, HashSet<ulong>)>();
        while (reader.Read())
        {
            var bytes = (byte[])reader.GetValue(2);
            var tokens = new HashSet<ulong>();
            for (var i = 0; i < bytes.Length; i += sizeof(ulong))
                tokens.Add(BitConverter.ToUInt64(bytes, i));
            earlier.Add((DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), tokens));
        }

        return earlier;
    }

    private SqliteConnection Open() => _dataSource.Open();
}
