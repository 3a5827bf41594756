using Lake.Contracts.Extraction;
using Lake.Extract.Disclosure;
using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Preliminary;

/// <summary>Counts in this process, over a session the caller opened on a snapshot of the lake.</summary>
public sealed class SessionPreliminaryCounter(LakeQuerySession session, Pseudonymizer pseudonymizer) : IPreliminaryCounter
{
    public Task<PreliminaryAnswer> CountAsync(StudySpecification specification, DisclosurePolicy policy, CancellationToken cancellationToken) =>
        Task.FromResult(new PreliminaryCounting(session, pseudonymizer, new DisclosureControl(policy)).Answer(specification));
}
