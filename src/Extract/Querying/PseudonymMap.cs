using Lake.Pseudonymization;

namespace Lake.Extract.Querying;

/// <summary>
/// Loads a table that maps one register's pseudonyms (for every key generation the register
/// uses) to cohort members. Registers are joined only through such tables, built per request
/// from keys the extraction path holds, and dropped with the session: the lake stores no link.
/// </summary>
internal static class PseudonymMap
{
    public static string Load(LakeQuerySession session, string register, IReadOnlyList<CohortMember> members, Pseudonymizer pseudonymizer)
    {
        var table = "map_" + register;
        session.Execute($"CREATE OR REPLACE TEMP TABLE {SqlText.Identifier(table)} (pseudonym UUID, key_id BIGINT, member INTEGER)");
        using var appender = session.Connection.CreateAppender("temp", "main", table);
        foreach (var keyId in session.Snapshot.KeyIdsOf(register))
        {
            for (var i = 0; i < members.Count; i++)
            {
                appender.CreateRow()
                    .AppendValue(pseudonymizer.RegisterPseudonym(register, members[i].Identity, keyId))
                    .AppendValue((long)keyId)
                    .AppendValue(i)
                    .EndRow();
            }
        }

        return table;
    }
}
