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
/// engine counts (<see cref="PreliminaryCounting"/>, in this process or on a worker); this keeps the
/// query budget, refuses an answer whose counts differ by a few patients from earlier answers of
/// the person or their research group (<see cref="DifferencingLedger"/>), and writes the true
/// counts and the policy version to the audit log, which are the control plane's.
/// </summary>
public sealed class PreliminaryStudy(IPreliminaryCounter counter, DisclosureControl disclosure, AuditLog audit, DifferencingLedger ledger)
{
    /// <summary>Counting in this process, over <paramref name="session"/>: the lake host's own tools and a coordinator with register keys.</summary>
    public PreliminaryStudy(LakeQuerySession session, Pseudonymizer pseudonymizer, DisclosureControl disclosure, AuditLog audit, DifferencingLedger ledger)
        : this(new SessionPreliminaryCounter(session, pseudonymizer), disclosure, audit, ledger)
    {
    }

    /// <summary>The key ring's study whose key makes the ledger's tokens.</summary>
    public const string LedgerStudy = PreliminaryCounting.LedgerStudy;

    /// <summary>
    /// Answers the study for <paramref name="user"/>, whose research group is
    /// <paramref name="group"/> (the people sharing a permit with them, themselves included); the
    /// true counts go to the audit log and nowhere else.
    /// </summary>
    /// <exception cref="PreliminaryRefusedException">The budget is spent, or the answer would single out patients by differencing.</exception>
    /// <exception cref="PreliminaryUnavailableException">A worker was to count the study and did not.</exception>
    public async Task<PreliminaryReport> RunAsync(StudySpecification specification, string user, IReadOnlyCollection<string>? group = null, CancellationToken cancellationToken = default)
    {
        var policy = disclosure.Policy;
        group = group is null ? [user] : [.. group.Append(user).Distinct(StringComparer.Ordinal)];
        var title = Shorten(specification.Title);
        if (ledger.BudgetRefusal(user, group, policy) is { } spent)
            throw Refuse(user, title, $"budget: {spent}", spent, policy);

        var answer = await counter.CountAsync(specification, policy, cancellationToken);
        if (ledger.DifferencingRefusal(group, answer.Cells, policy) is { } refusal)
            throw Refuse(user, title, $"differencing: {refusal}; true cohort {answer.TrueCounts["cohort"]}", refusal, policy);

        ledger.Record(user, title, "answered", answer.Cells, policy);
        audit.Append(user, "study.preliminary", title, "answered",
            $"policy {policy.Version}; true counts (not shown to the user): {JsonSerializer.Serialize(answer.TrueCounts)}; specification: {JsonSerializer.Serialize(specification.Cohort)}");
        return answer.Report;
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
