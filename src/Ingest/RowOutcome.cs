using Lake.Ingest.Mapping;

namespace Lake.Ingest;

/// <summary>A row's verdict; for an accepted row its register pseudonym and event year, for a rejected one why.</summary>
internal readonly record struct RowOutcome(RowVerdict Verdict, Rejection? Rejection, Guid Pseudonym, int? Year);
