namespace Lake.Contracts.Extraction;

/// <summary>
/// A laboratory examination with one of <see cref="TestCodes"/> and, when <see cref="Min"/> or
/// <see cref="Max"/> is given, a numeric result within those inclusive bounds.
/// </summary>
public sealed record LaboratoryCriterion
{
    /// <summary>Laboratory examination numbers, matched exactly (e.g. 2095).</summary>
    public IReadOnlyList<string> TestCodes { get; init; } = [];

    public double? Min { get; init; }

    public double? Max { get; init; }

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
