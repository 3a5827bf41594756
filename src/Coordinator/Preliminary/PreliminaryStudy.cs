using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Coordinator.Audit;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// Answers a preliminary study: no permit, so nothing leaves but counts, and every count goes
/// through <see cref="DisclosureControl"/> before it is returned. The engine counts
/// (<see cref="PreliminaryCounting"/>); this refuses a cohort too close to the user's earlier ones
/// and writes the true counts to the audit log, which are the control plane's.
/// </summary>
public sealed class PreliminaryStudy(LakeQuerySession session, Pseudonymizer pseudonymizer, DisclosureControl disclosure, AuditLog audit, DifferencingLedger ledger)
{
    /// <summary>The key ring's study whose key makes the ledger's tokens.</summary>
    public const string LedgerStudy = "preliminary-ledger";

    /// <summary>Answers the study for <paramref name="user"/>; the true counts go to the audit log and nowhere else.</summary>
    public PreliminaryReport Run(StudySpecification specification, string user)
    {
        var counting = new PreliminaryCounting(session, pseudonymizer, disclosure);
        var members = counting.SelectCohort(specification);
        // Ledger tokens are study pseudonyms of a study of its own: keyed, unlinkable to deliveries.
        var tokens = members.Select(m => BitConverter.ToUInt64(pseudonymizer.StudyPseudonym(LedgerStudy, m.Identity).ToByteArray(), 0)).ToList();
        if (ledger.Refusal(user, tokens, disclosure.Threshold) is { } refusal)
        {
            audit.Append(user, "study.preliminary", Shorten(specification.Title), "refused", $"differencing: {refusal}; true cohort {members.Count}");
            throw new PreliminaryRefusedException(refusal);
        }

        ledger.Record(user, Shorten(specification.Title), tokens);
        var (report, trueCounts) = counting.Count(specification, members);
        audit.Append(user, "study.preliminary", Shorten(specification.Title), "answered",
            $"true counts (not shown to the user): {JsonSerializer.Serialize(trueCounts)}; specification: {JsonSerializer.Serialize(specification.Cohort)}");
        return report;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80];
}
