namespace Lake.Contracts.Extraction;

/// <summary>
/// Extract the registers of an accepted request for its study. Sent only after the permit check;
/// carries no identity code, pseudonym or key, only what the worker needs to find the request.
/// </summary>
public sealed record StartExtraction
{
    public required Guid RequestId { get; init; }

    public required string PermitId { get; init; }

    public required string StudyId { get; init; }

    public required StudySpecification Specification { get; init; }
}
