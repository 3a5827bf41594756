using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Coordinator.Preliminary;

namespace Lake.Coordinator.Access;

/// <summary>
/// The one place that decides who may do what. Roles open actions; for a request, membership of
/// the permit's research group (current members only) decides as well. Every decision, allowed
/// or refused, goes to the audit log with subject, roles, action, permit and reason.
/// </summary>
public sealed class AccessPolicy(PermitStore permits, AuditLog audit)
{
    public async Task<PolicyDecision> DecideAsync(Caller caller, LakeAction action, string subject, RequestRecord? request = null, string? permitId = null,
        CancellationToken cancellationToken = default)
    {
        var permit = permitId ?? request?.PermitId;
        var decision = Evaluate(caller, action, request, request?.PermitId is { } id ? await permits.FindAsync(id, cancellationToken) : null);
        audit.Append(caller.Subject, "policy." + Name(action), subject, decision.Allowed ? "allowed" : "refused",
            $"roles {caller.RoleText}; via {caller.Channel}" + (permit is null ? "" : $"; permit {permit}") + $"; {decision.Reason}");
        return decision;
    }

    /// <summary>
    /// Whether the caller's roles open an action that concerns no particular request, without an
    /// audit entry: for what a page shows (a link, a form). The act itself is decided by
    /// <see cref="DecideAsync"/>, which records it.
    /// </summary>
    public static bool Allows(Caller caller, LakeAction action) =>
        action is not LakeAction.ViewRequest && Evaluate(caller, action, null, null).Allowed;

    /// <summary>The requests a caller may see: all for staff, their own and their current groups' for researchers.</summary>
    public async Task<IReadOnlyList<RequestRecord>> VisibleAsync(Caller caller, IEnumerable<RequestRecord> requests, CancellationToken cancellationToken)
    {
        var current = await CurrentPermitsAsync(cancellationToken);
        return requests.Where(r => Evaluate(caller, LakeAction.ViewRequest, r, PermitOf(r, current)).Allowed).ToList();
    }

    /// <summary>
    /// The requests that are the caller's own research work, whatever else their roles let them see:
    /// a researcher's requests under a permit whose group they belong to now (or their own refused
    /// one whose permit never existed). What the portal's "My requests" lists.
    /// </summary>
    public async Task<IReadOnlyList<RequestRecord>> MineAsync(Caller caller, IEnumerable<RequestRecord> requests, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(LakeRoles.Researcher))
            return [];
        var current = await CurrentPermitsAsync(cancellationToken);
        return requests.Where(r => Membership(caller, r, PermitOf(r, current)).Allowed).ToList();
    }

    private async Task<Dictionary<string, Permit>> CurrentPermitsAsync(CancellationToken cancellationToken) =>
        (await permits.ListAsync(cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);

    private static Permit? PermitOf(RequestRecord request, Dictionary<string, Permit> current) =>
        request.PermitId is not null && current.TryGetValue(request.PermitId, out var permit) ? permit : null;

    private static PolicyDecision Evaluate(Caller caller, LakeAction action, RequestRecord? request, Permit? permit) => action switch
    {
        LakeAction.PreliminaryStudy or LakeAction.CostEstimate =>
            Either(caller, LakeRoles.Researcher, LakeRoles.Staff, "preliminary studies and estimates are for researchers and data-service staff"),
        // Staff record permits but do not receive data: only the research group named on a permit requests.
        LakeAction.SubmitRequest => Only(caller, LakeRoles.Researcher, "only researchers named on a permit request data"),
        LakeAction.ListRequests => Either(caller, LakeRoles.Researcher, LakeRoles.Staff, "requests are listed for researchers and data-service staff"),
        LakeAction.ViewRequest => ViewRequest(caller, request, permit),
        LakeAction.ViewQueue => Only(caller, LakeRoles.Staff, "the queue of all requests is data-service staff's"),
        LakeAction.ManagePermits or LakeAction.ManageAccounts or LakeAction.RunIngest => Only(caller, LakeRoles.Staff, "this is data-service staff's work"),
        LakeAction.ViewPermits => Either(caller, LakeRoles.Staff, LakeRoles.Auditor, "permits are shown to data-service staff and auditors"),
        LakeAction.ViewOperations => Either(caller, LakeRoles.Operator, LakeRoles.Staff, "operations are shown to operators and data-service staff"),
        LakeAction.ReadAudit => Only(caller, LakeRoles.Auditor, "the audit log is read by auditors"),
        _ => PolicyDecision.Refuse("unknown action"),
    };

    private static PolicyDecision ViewRequest(Caller caller, RequestRecord? request, Permit? permit)
    {
        if (request is null)
            return PolicyDecision.Refuse("no such request");
        if (caller.IsIn(LakeRoles.Staff))
            return PolicyDecision.Allow("data-service staff see every request");
        if (!caller.IsIn(LakeRoles.Researcher))
            return PolicyDecision.Refuse("requests are shown to researchers and data-service staff");
        return Membership(caller, request, permit);
    }

    /// <param name="permit">The request's permit as it stands now, or null when it is not recorded.</param>
    private static PolicyDecision Membership(Caller caller, RequestRecord request, Permit? permit)
    {
        if (permit is not null)
        {
            if (permit.Members.Contains(caller.Subject))
                return PolicyDecision.Allow("a current member of the permit's research group");
            return PolicyDecision.Refuse(request.RequestedBy == caller.Subject
                ? "no longer a member of the permit's research group"
                : "not a member of the permit's research group");
        }

        // A request whose permit never existed was refused at once; its requester may read why.
        return request.RequestedBy == caller.Subject ? PolicyDecision.Allow("the requester") : PolicyDecision.Refuse("not the requester");
    }

    private static PolicyDecision Only(Caller caller, string role, string reason) =>
        caller.IsIn(role) ? PolicyDecision.Allow($"role {role}") : PolicyDecision.Refuse(reason);

    private static PolicyDecision Either(Caller caller, string first, string second, string reason) =>
        caller.IsIn(first) ? PolicyDecision.Allow($"role {first}")
        : caller.IsIn(second) ? PolicyDecision.Allow($"role {second}")
        : PolicyDecision.Refuse(reason);

    private static string Name(LakeAction action) => action switch
    {
        LakeAction.PreliminaryStudy => "preliminary-study",
        LakeAction.CostEstimate => "cost-estimate",
        LakeAction.SubmitRequest => "submit-request",
        LakeAction.ViewRequest => "view-request",
        LakeAction.ListRequests => "list-requests",
        LakeAction.ViewQueue => "view-queue",
        LakeAction.ManagePermits => "manage-permits",
        LakeAction.ViewPermits => "view-permits",
        LakeAction.ManageAccounts => "manage-accounts",
        LakeAction.RunIngest => "run-ingest",
        LakeAction.ViewOperations => "view-operations",
        LakeAction.ReadAudit => "read-audit",
        _ => action.ToString(),
    };
}
