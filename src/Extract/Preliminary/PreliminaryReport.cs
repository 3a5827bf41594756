using Lake.Extract.Disclosure;

namespace Lake.Extract.Preliminary;

/// <summary>
/// What a preliminary study answers, with every count already through disclosure control:
/// the cohort's size overall and by index year, sex and age band, and the rows each register
/// holds for the cohort, by year.
/// </summary>
public sealed record PreliminaryReport
{
    public required string Title { get; init; }

    public required int SuppressionThreshold { get; init; }

    /// <summary>The disclosure rules the counts were shown under (<see cref="DisclosurePolicy.Version"/>).</summary>
    public string PolicyVersion { get; init; } = "";

    public required ShownCount CohortSize { get; init; }

    public required IReadOnlyList<(string Label, ShownCount Count)> ByIndexYear { get; init; }

    public required IReadOnlyList<(string Label, ShownCount Count)> BySex { get; init; }

    public required IReadOnlyList<(string Label, ShownCount Count)> ByAgeBand { get; init; }

    public required IReadOnlyList<RegisterAvailability> Availability { get; init; }
}
