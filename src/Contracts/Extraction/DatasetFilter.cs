namespace Lake.Contracts.Extraction;

/// <summary>
/// A condition on one register column: its value is one of <see cref="In"/> (text and integer
/// columns), or lies between <see cref="Min"/> and <see cref="Max"/> inclusive (number columns).
/// </summary>
public sealed record DatasetFilter
{
    public required string Column { get; init; }

    public IReadOnlyList<string> In { get; init; } = [];

    public double? Min { get; init; }

    public double? Max { get; init; }
}
