using Lake.Contracts.Codes;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;

namespace Lake.Extract.Querying;

/// <summary>
/// Finds the patients a specification's cohort criteria describe. The diagnosis register is
/// searched on its own pseudonyms, which are turned back into lake identities in memory; birth
/// and sex come from the patient background register through a pseudonym map of its own.
/// </summary>
public sealed class CohortSelector(LakeQuerySession session, Pseudonymizer pseudonymizer)
{
    private static readonly DateTime Earliest = new(1900, 1, 1);
    private static readonly DateTime Latest = new(2101, 1, 1);

    public IReadOnlyList<CohortMember> Select(CohortCriteria criteria)
    {
        if (!session.Snapshot.HasData(DiagnosisRegister.Name))
            return [];

        var indexTimes = FirstMatchingDiagnoses(criteria);
        var members = indexTimes.Select(p => new CohortMember(p.Key, p.Value, null, null)).ToList();
        members = WithBackground(members);
        return members
            .Where(m => criteria.Sex is null || m.Sex == criteria.Sex)
            .Where(m => criteria.MinAge is null || m.AgeAtIndex >= criteria.MinAge)
            .Where(m => criteria.MaxAge is null || m.AgeAtIndex <= criteria.MaxAge)
            .ToList();
    }

    private Dictionary<LakeIdentity, DateTime> FirstMatchingDiagnoses(CohortCriteria criteria)
    {
        session.Execute("CREATE OR REPLACE TEMP TABLE cohort_codes (prefix VARCHAR)");
        using (var appender = session.Connection.CreateAppender("temp", "main", "cohort_codes"))
        {
            foreach (var code in criteria.Icd10)
            {
                Icd10Code.TryNormalizePrefix(code, out var prefix);
                appender.CreateRow().AppendValue(prefix).EndRow();
            }
        }

        using var command = session.Command(
            """
            SELECT d.pseudonym, d.key_id, min(d.recorded_at)
            FROM diagnosis d
            WHERE d.code_system IN ('ICD-10', 'ICD-10-CM') AND d.recorded_at >= $1 AND d.recorded_at < $2
              AND EXISTS (SELECT 1 FROM cohort_codes c WHERE starts_with(d.code, c.prefix))
            GROUP BY d.pseudonym, d.key_id
            """,
            criteria.From?.ToDateTime(TimeOnly.MinValue) ?? Earliest,
            criteria.To?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? Latest);
        using var reader = command.ExecuteReader();
        var first = new Dictionary<LakeIdentity, DateTime>();
        while (reader.Read())
        {
            var identity = pseudonymizer.RevealIdentity(DiagnosisRegister.Name, (int)reader.GetInt64(1), reader.GetGuid(0));
            var time = reader.GetDateTime(2);
            if (!first.TryGetValue(identity, out var earlier) || time < earlier)
                first[identity] = time;
        }

        return first;
    }

    private List<CohortMember> WithBackground(List<CohortMember> members)
    {
        if (members.Count == 0 || !session.Snapshot.HasData(PatientBackgroundRegister.Name))
            return members;

        var map = PseudonymMap.Load(session, PatientBackgroundRegister.Name, members, pseudonymizer);
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
