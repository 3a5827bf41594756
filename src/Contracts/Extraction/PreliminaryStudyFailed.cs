namespace Lake.Contracts.Extraction;

/// <summary>A worker could not count a <see cref="CountPreliminaryStudy"/>; the reason is for the person who asked.</summary>
public sealed record PreliminaryStudyFailed
{
    public required string Reason { get; init; }
}
