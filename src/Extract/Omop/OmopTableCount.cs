namespace Lake.Extract.Omop;

/// <summary>
/// One OMOP table of a delivery: its rows, and of those the rows whose standard concept
/// (condition_concept_id, gender_concept_id, ...) is not 0; null for tables without one.
/// </summary>
public sealed record OmopTableCount(long Rows, long? Mapped);
