namespace Lake.Contracts.Extraction;

/// <summary>A task's files are in the request's unfinished delivery folder; rows never travel in messages.</summary>
public sealed record DatasetExtracted
{
    public required Guid RequestId { get; init; }

    public required string Dataset { get; init; }

    public required IReadOnlyList<ExtractedFile> Files { get; init; }
}
