namespace Lake.Contracts.Extraction;

/// <summary>The rules of the service's disclosure policy that decide what a count may show.</summary>
public sealed record PreliminaryDisclosure
{
    public required string Version { get; init; }

    /// <summary>Counts from 1 to this are suppressed.</summary>
    public required int Threshold { get; init; }

    /// <summary>The name of the zero-cell rule (Lake.Extract.Disclosure.ZeroCells).</summary>
    public required string ZeroCells { get; init; }
}
