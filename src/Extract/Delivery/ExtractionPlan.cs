namespace Lake.Extract.Delivery;

/// <summary>
/// An extraction's tasks (the cohort file first, then each register with data), the ingest batches
/// they read and the version of each register they read them with.
/// </summary>
public sealed record ExtractionPlan(IReadOnlyList<string> Datasets, IReadOnlyList<string> Batches, IReadOnlyDictionary<string, int> RegisterVersions);
