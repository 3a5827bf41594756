using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Delivery;

/// <summary>
/// Puts consented identity codes beside the study pseudonyms of a consent-based study. The lake
/// keeps no identity code and cannot turn a pseudonym back into one, so the codes come with the
/// request; each is matched to a cohort member through its lake identity, in memory. A member
/// without a supplied code gets none, and a supplied code of someone outside the cohort is not
/// delivered: the release can only name people the delivery is already about.
/// </summary>
internal static class IdentityCodeRelease
{
    public const string Column = "identity_code";
    public const string Table = "released_identity_codes";

    /// <summary>Loads the member-to-code table the cohort file joins; returns how many members have a code.</summary>
    public static int Load(LakeQuerySession session, IReadOnlyList<CohortMember> members, IReadOnlyCollection<string> consentedCodes, Pseudonymizer pseudonymizer)
    {
        var memberOf = new Dictionary<LakeIdentity, int>();
        for (var i = 0; i < members.Count; i++)
            memberOf[members[i].Identity] = i;

        var released = new Dictionary<int, string>();
        var position = 0;
        foreach (var code in consentedCodes)
        {
            position++;
            // The position, never the value, names a bad code: the message may reach a log.
            if (!Hetu.TryParse(code, out var hetu, out var error))
                throw new ArgumentException($"Consented identity code number {position} is not valid: {error.Describe()}. Correct the consent list and submit the request again.", nameof(consentedCodes));
            if (memberOf.TryGetValue(pseudonymizer.IdentityOf(hetu), out var member))
                released[member] = hetu.Value;
        }

        session.Execute($"CREATE OR REPLACE TEMP TABLE {Table} (member INTEGER, {Column} VARCHAR)");
        using var appender = session.Connection.CreateAppender("temp", "main", Table);
        foreach (var (member, code) in released)
            appender.CreateRow().AppendValue(member).AppendValue(code).EndRow();
        return released.Count;
    }
}
