using System.Globalization;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Disclosure;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// Remembers the preliminary answers of each person: for every count an answer showed (the cohort,
/// each breakdown cell, each register's rows and rows by year), which patients it counted, as keyed
/// 8-byte tokens not linkable to anything without the key ring. An answer is refused when one of
/// its counts differs from the same count of an earlier answer, by the same person or by anyone in
/// their research group, by 1 to the threshold patients: subtracting the two would single them
/// out, whatever changed between the questions (criteria, dataset filters, periods). It also keeps
/// the query budget: a person, and a research group, may ask only so many questions within a
/// window. Answers are forgotten after the policy's retention.
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

    /// <summary>A reason to refuse the next question of <paramref name="user"/>, when they or their group have used up the budget.</summary>
    public string? BudgetRefusal(string user, IReadOnlyCollection<string> group, DisclosurePolicy policy)
    {
        var since = _time.GetUtcNow() - policy.BudgetWindow;
        var mine = AskedSince(since, [user]);
        if (mine.Count >= policy.QueriesPerSubject)
            return Budget($"you have asked {mine.Count} preliminary studies", mine, policy.QueriesPerSubject, policy);
        var ours = AskedSince(since, group);
        if (ours.Count >= policy.QueriesPerGroup)
            return Budget($"your research group has asked {ours.Count} preliminary studies", ours, policy.QueriesPerGroup, policy);
        return null;
    }

    /// <summary>
    /// A reason to refuse an answer whose shown counts differ from the same counts of an earlier
    /// answer (by <paramref name="user"/> or their <paramref name="group"/>) by 1 to the threshold patients.
    /// </summary>
    public string? DifferencingRefusal(IReadOnlyCollection<string> group, IReadOnlyDictionary<string, IReadOnlyCollection<ulong>> cells, DisclosurePolicy policy)
    {
        var current = cells.ToDictionary(c => c.Key, c => c.Value.ToHashSet(), StringComparer.Ordinal);
        foreach (var (user, at, title, cell, earlier) in EarlierCells(group, current.Keys, _time.GetUtcNow() - policy.LedgerRetention))
        {
            var now = current[cell];
            var difference = now.Count(t => !earlier.Contains(t)) + earlier.Count(t => !now.Contains(t));
            if (difference >= 1 && difference <= policy.Threshold)
            {
                var whose = group.Count > 1 ? $"a preliminary study of your research group ({user}) '{title}'" : $"your preliminary study '{title}'";
                return $"The count '{Describe(cell)}' differs from the same count of {whose} of {at:yyyy-MM-dd HH:mm} by {policy.Threshold} patients or fewer; " +
                    "answering both would single those patients out. Widen or change the criteria, or apply for a permit.";
            }
        }

        return null;
    }

    /// <summary>Keeps an answer (or a refusal, which counts towards the budget) and the patients behind each count it showed.</summary>
    public void Record(string user, string title, string outcome, IReadOnlyDictionary<string, IReadOnlyCollection<ulong>> cells, DisclosurePolicy policy)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var forget = connection.CreateCommand())
        {
            forget.CommandText = """
                DELETE FROM preliminary_cells WHERE answer IN (SELECT id FROM preliminary_answers WHERE at < $oldest);
                DELETE FROM preliminary_answers WHERE at < $oldest;
                """;
            forget.Parameters.AddWithValue("$oldest", Timestamp(_time.GetUtcNow() - policy.LedgerRetention));
            forget.ExecuteNonQuery();
        }

        long answer;
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO preliminary_answers (user, at, title, outcome) VALUES ($user, $at, $title, $outcome) RETURNING id";
            insert.Parameters.AddWithValue("$user", user);
            insert.Parameters.AddWithValue("$at", Timestamp(_time.GetUtcNow()));
            insert.Parameters.AddWithValue("$title", title);
            insert.Parameters.AddWithValue("$outcome", outcome);
            answer = (long)insert.ExecuteScalar()!;
        }

        foreach (var (cell, tokens) in cells)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO preliminary_cells (answer, cell, tokens) VALUES ($answer, $cell, $tokens)";
            insert.Parameters.AddWithValue("$answer", answer);
            insert.Parameters.AddWithValue("$cell", cell);
            insert.Parameters.AddWithValue("$tokens", Pack(tokens));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <param name="times">The questions within the window, oldest first; a place opens when the one that fills the budget leaves it.</param>
    private static string Budget(string asked, IReadOnlyList<DateTimeOffset> times, int limit, DisclosurePolicy policy)
    {
        var resets = times[times.Count - limit] + policy.BudgetWindow;
        return $"The query budget is spent: {asked} in the last {Window(policy.BudgetWindow)}. The next is possible after {resets.UtcDateTime:yyyy-MM-dd HH:mm} UTC; " +
            "the budget keeps a series of close questions from narrowing down a few patients.";
    }

    private List<DateTimeOffset> AskedSince(DateTimeOffset since, IReadOnlyCollection<string> users)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var names = users.Select((u, i) => { command.Parameters.AddWithValue($"$u{i}", u); return $"$u{i}"; });
        command.CommandText = $"SELECT at FROM preliminary_answers WHERE at >= $since AND user IN ({string.Join(", ", names)}) ORDER BY at";
        command.Parameters.AddWithValue("$since", Timestamp(since));
        using var reader = command.ExecuteReader();
        var times = new List<DateTimeOffset>();
        while (reader.Read())
            times.Add(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        return times;
    }

    private IEnumerable<(string User, DateTimeOffset At, string Title, string Cell, HashSet<ulong> Tokens)> EarlierCells(
        IReadOnlyCollection<string> users, IEnumerable<string> cells, DateTimeOffset since)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var userNames = users.Select((u, i) => { command.Parameters.AddWithValue($"$u{i}", u); return $"$u{i}"; }).ToList();
        var cellNames = cells.Select((c, i) => { command.Parameters.AddWithValue($"$c{i}", c); return $"$c{i}"; }).ToList();
        if (cellNames.Count == 0)
            yield break;
        command.CommandText = $"""
            SELECT a.user, a.at, a.title, c.cell, c.tokens FROM preliminary_cells c JOIN preliminary_answers a ON a.id = c.answer
            WHERE a.at >= $since AND a.user IN ({string.Join(", ", userNames)}) AND c.cell IN ({string.Join(", ", cellNames)})
            ORDER BY a.at DESC
            """;
        command.Parameters.AddWithValue("$since", Timestamp(since));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return (reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3), Unpack((byte[])reader.GetValue(4)));
    }

    private static byte[] Pack(IReadOnlyCollection<ulong> tokens)
    {
        var bytes = new byte[tokens.Count * sizeof(ulong)];
        var i = 0;
        foreach (var token in tokens.Order())
            BitConverter.TryWriteBytes(bytes.AsSpan(i++ * sizeof(ulong)), token);
        return bytes;
    }

    private static HashSet<ulong> Unpack(byte[] bytes)
    {
        var tokens = new HashSet<ulong>(bytes.Length / sizeof(ulong));
        for (var i = 0; i < bytes.Length; i += sizeof(ulong))
            tokens.Add(BitConverter.ToUInt64(bytes, i));
        return tokens;
    }

    /// <summary>A cell key in words: "rows.laboratory.2020" is "laboratory rows in 2020".</summary>
    private static string Describe(string cell) => cell.Split('.') switch
    {
        ["cohort"] => "cohort size",
        ["rows", var register] => $"{register} rows",
        ["rows", var register, var year] => $"{register} rows in {year}",
        [var breakdown, var group] => $"{breakdown.Replace('_', ' ')} {group}",
        _ => cell,
    };

    private static string Window(TimeSpan window) =>
        window.TotalHours % 24 == 0 ? $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}" : $"{window.TotalHours:0} hours";

    // Round-trip UTC text sorts as it compares.
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open() => _dataSource.Open();
}
