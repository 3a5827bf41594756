namespace Lake.Extract.Delivery;

/// <summary>An extraction's tasks (the cohort file first, then each register with data) and the ingest batches they read.</summary>
public sealed record ExtractionPlan(IReadOnlyList<string> Datasets, IReadOnlyList<string> Batches);
