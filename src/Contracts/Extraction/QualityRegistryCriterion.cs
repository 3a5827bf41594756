namespace Lake.Contracts.Extraction;

/// <summary>Membership of one of the quality registries <see cref="Registers"/> (qr_*); the event is the enrolment date.</summary>
public sealed record QualityRegistryCriterion
{
    public IReadOnlyList<string> Registers { get; init; } = [];

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
