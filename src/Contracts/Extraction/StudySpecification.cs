namespace Lake.Contracts.Extraction;

/// <summary>
/// What a researcher asks for: who (the cohort), what (datasets per register) and how (delivery).
/// The same document drives a preliminary study (cohort and availability only) and an extraction.
/// Version 1 of the format; the README documents it with an example.
/// </summary>
public sealed record StudySpecification
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public string Title { get; init; } = "";

    public required CohortCriteria Cohort { get; init; }

    public IReadOnlyList<DatasetRequest> Datasets { get; init; } = [];

    public DeliveryOptions Delivery { get; init; } = new();
}
