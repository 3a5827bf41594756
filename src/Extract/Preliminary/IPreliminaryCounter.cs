using Lake.Contracts.Extraction;
using Lake.Extract.Disclosure;

namespace Lake.Extract.Preliminary;

/// <summary>
/// Where a preliminary study is counted: in this process over an open query session
/// (<see cref="SessionPreliminaryCounter"/>), or by an extraction worker over the bus, for a
/// coordinator that holds no register keys. Either way the counting is <see cref="PreliminaryCounting"/>.
/// </summary>
public interface IPreliminaryCounter
{
    Task<PreliminaryAnswer> CountAsync(StudySpecification specification, DisclosurePolicy policy, CancellationToken cancellationToken);
}
