namespace Lake.Coordinator.Identity;

/// <summary>
/// The four roles of the service. A person may hold several; research-group membership is not a
/// role but a permit's member list, checked per request.
/// </summary>
public static class LakeRoles
{
    /// <summary>Preliminary studies, cost estimates, requests under permits that name them.</summary>
    public const string Researcher = "researcher";

    /// <summary>Data-service staff: permits and groups, every request, ingest and onboarding, accounts.</summary>
    public const string Staff = "staff";

    /// <summary>Dashboards, metrics, queue and worker health; never patient-level data or delivery contents.</summary>
    public const string Operator = "operator";

    /// <summary>Reads and verifies the audit log.</summary>
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Researcher, Staff, Operator, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
