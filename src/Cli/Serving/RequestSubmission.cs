using Lake.Contracts.Extraction;

namespace Lake.Cli.Serving;

/// <summary>The body of <c>POST /requests</c>: a specification to extract under a permit, for a user.</summary>
public sealed record RequestSubmission
{
    public required StudySpecification Specification { get; init; }

    public required string PermitId { get; init; }

    public required string User { get; init; }
}
