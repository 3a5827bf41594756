using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>Criteria with windows relative to the index date, and the patient background.</summary>
public sealed partial class CohortSelector
{
    /// <summary>The index criterion's patients with their index dates, in a temp table the relative queries join.</summary>
    private List<CohortMember> IndexCandidates(CriterionMatches index)
    {
        var candidates = index.Entries.Where(e => e.Value is not null).Select(e => new CohortMember(e.Key, e.Value!.Value, null, null)).ToList();
        session.Execute("CREATE OR REPLACE TEMP TABLE cohort_index (member INTEGER, index_date DATE)");
        using var appender = session.Connection.CreateAppender("temp", "main", "cohort_index");
        for (var i = 0; i < candidates.Count; i++)
            appender.CreateRow().AppendValue(i).AppendValue(DateOnly.FromDateTime(candidates[i].IndexTime)).EndRow();
        return candidates;
    }

    /// <summary>
    /// Only the index criterion's patients can be in the cohort, so the relative query reads only
    /// their rows, through a pseudonym map of the register. Days count by calendar date: "within 30
    /// days before the index date" includes the index day itself.
    /// </summary>
    private CriterionMatches Relative(CohortCriterion leaf, CriterionCompiler compiler, List<CohortMember> candidates)
    {
        var window = CohortTree.EventOf(leaf)!.Value.Window;
        var result = new CriterionMatches();
        if (candidates.Count == 0)
            return result;

        foreach (var scan in compiler.Compile(leaf))
        {
            var map = PseudonymMap.Load(session, scan.Register, candidates, pseudonymizer);
            var parameters = scan.Parameters.Append(window.WithinDaysBeforeIndex ?? 0).Append(window.WithinDaysAfterIndex ?? 0).ToArray();
            var beforeParameter = "$" + (parameters.Length - 1).ToString(CultureInfo.InvariantCulture);
            var afterParameter = "$" + parameters.Length.ToString(CultureInfo.InvariantCulture);
            using var command = session.Command(
                $"""
                SELECT m.member, min({scan.EventTime})
                FROM {SqlText.Identifier(scan.Register)} r
                JOIN {SqlText.Identifier(map)} m ON r.pseudonym = m.pseudonym AND r.key_id = m.key_id
                JOIN cohort_index ix ON ix.member = m.member
                WHERE {scan.Filter}
                  AND CAST({scan.EventTime} AS DATE) BETWEEN ix.index_date - CAST({beforeParameter} AS INTEGER) AND ix.index_date + CAST({afterParameter} AS INTEGER)
                GROUP BY m.member
                """,
                parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                result.Add(candidates[reader.GetInt32(0)].Identity, reader.GetDateTime(1));
        }

        return result;
    }

    private List<CohortMember> WithBackground(List<CohortMember> members)
    {
        if (members.Count == 0 || !session.Snapshot.HasData(RegisterNames.PatientBackground))
            return members;

        var map = PseudonymMap.Load(session, RegisterNames.PatientBackground, members, pseudonymizer);
        using var command = session.Command(
            $"""
            SELECT m.member, any_value(b.birth_date), any_value(b.sex)
            FROM patient_background b JOIN {SqlText.Identifier(map)} m ON b.pseudonym = m.pseudonym AND b.key_id = m.key_id
            GROUP BY m.member
            """);
        using var reader = command.ExecuteReader();
        var result = members.ToArray();
        while (reader.Read())
        {
            var i = reader.GetInt32(0);
            result[i] = result[i] with
            {
                BirthDate = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1),
                Sex = reader.IsDBNull(2) ? null : reader.GetString(2),
            };
        }

        return [.. result];
    }
}
