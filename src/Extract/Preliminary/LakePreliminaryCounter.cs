using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;
using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Preliminary;

/// <summary>Counts in this process, each study over a fresh snapshot of the lake: an extraction worker's counter.</summary>
public sealed class LakePreliminaryCounter(LakeLayout layout, RegisterCatalog registers, Pseudonymizer pseudonymizer) : IPreliminaryCounter
{
    public Task<PreliminaryAnswer> CountAsync(StudySpecification specification, DisclosurePolicy policy, CancellationToken cancellationToken)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(layout, registers));
        return new SessionPreliminaryCounter(session, pseudonymizer).CountAsync(specification, policy, cancellationToken);
    }
}
