namespace Lake.Contracts.Extraction;

/// <summary>One file a task wrote: its name in the delivery folder, register, rows, size and SHA-256.</summary>
public sealed record ExtractedFile
{
    public required string Name { get; init; }

    public required string Register { get; init; }

    public required long Rows { get; init; }

    public required long Bytes { get; init; }

    public required string Sha256 { get; init; }
}
