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
/// through <see cref="DisclosureControl"/> under the service's policy before it is returned. The
/// engine counts (<see cref="PreliminaryCounting"/>); this keeps the query budget, refuses an
/// answer whose counts differ by a few patients from earlier answers of the person or their
/// research group (<see cref="DifferencingLedger"/>), and writes the true counts and the policy
/// version to the audit log, which are the control plane's.
/// </summary>
public sealed class PreliminaryStudy(LakeQuerySession session, Pseudonymizer pseudonymizer, DisclosureControl disclosure, AuditLog audit, DifferencingLedger ledger)
{
    /// <summary>The key ring's study whose key makes the ledger's tokens.</summary>
    public const string LedgerStudy = "preliminary-ledger";

    /// <summary>
    /// Answers the study for <paramref name="user"/>, whose research group is
    /// <paramref name="group"/> (the people sharing a permit with them, themselves included); the
    /// true counts go to the audit log and nowhere else.
    /// </summary>
    /// <exception cref="PreliminaryRefusedException">The budget is spent, or the answer would single out patients by differencing.</exception>
    public PreliminaryReport Run(StudySpecification specification, string user, IReadOnlyCollection<string>? group = null)
    {
        var policy = disclosure.Policy;
        group = group is null ? [user] : [.. group.Append(user).Distinct(StringComparer.Ordinal)];
        var title = Shorten(specification.Title);
        if (ledger.BudgetRefusal(user, group, policy) is { } spent)
            throw Refuse(user, title, $"budget: {spent}", spent, policy);

        var counting = new PreliminaryCounting(session, pseudonymizer, disclosure);
        var members = counting.SelectCohort(specification);
        var counted = counting.Count(specification, members);
        // Ledger tokens are study pseudonyms of a study of its own: keyed, unlinkable to deliveries.
        var tokens = members.Select(m => BitConverter.ToUInt64(pseudonymizer.StudyPseudonym(LedgerStudy, m.Identity).ToByteArray(), 0)).ToArray();
        var cells = counted.ShownCells.ToDictionary(c => c.Key, c => (IReadOnlyCollection<ulong>)c.Value.Select(i => tokens[i]).ToList(), StringComparer.Ordinal);
        if (ledger.DifferencingRefusal(group, cells, policy) is { } refusal)
            throw Refuse(user, title, $"differencing: {refusal}; true cohort {members.Count}", refusal, policy);

        ledger.Record(user, title, "answered", cells, policy);
        audit.Append(user, "study.preliminary", title, "answered",
            $"policy {policy.Version}; true counts (not shown to the user): {JsonSerializer.Serialize(counted.TrueCounts)}; specification: {JsonSerializer.Serialize(specification.Cohort)}");
        return counted.Report;
    }

    /// <summary>A refusal counts towards the budget too: asking again and again is what the budget limits.</summary>
    private PreliminaryRefusedException Refuse(string user, string title, string audited, string reason, DisclosurePolicy policy)
    {
        ledger.Record(user, title, "refused", new Dictionary<string, IReadOnlyCollection<ulong>>(), policy);
        audit.Append(user, "study.preliminary", title, "refused", $"policy {policy.Version}; {audited}");
        return new PreliminaryRefusedException(reason);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80];
}
