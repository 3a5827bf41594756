using Lake.Contracts.Permits;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// A person's research group for disclosure control: everyone named with them on a permit that is
/// not revoked. Colleagues could pool their answers, so the differencing ledger and the query
/// budget count them together.
/// </summary>
public static class ResearchGroup
{
    public static IReadOnlyCollection<string> Of(string user, IEnumerable<Permit> permits) =>
        permits.Where(p => p.Status != PermitStatus.Revoked && p.Members.Contains(user, StringComparer.Ordinal))
            .SelectMany(p => p.Members)
            .Append(user)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
