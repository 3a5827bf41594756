using Lake.Contracts.Extraction;

namespace Lake.Coordinator.Api;

/// <summary>
/// The body of <c>POST /requests</c>: a specification to extract under a permit. It names no
/// user: the requester is the access token's subject.
/// </summary>
public sealed record RequestSubmission
{
    public required StudySpecification Specification { get; init; }

    public required string PermitId { get; init; }
}
