namespace Lake.Extract.Preliminary;

/// <summary>
/// A preliminary study's counting: the report as it may be shown; the true counts, for the audit
/// log only; and for every count shown, which cohort members it counts (indices into the cohort),
/// for the differencing ledger, which refuses an answer whose counts differ from an earlier
/// answer's by a few persons.
/// </summary>
public sealed record PreliminaryCount(
    PreliminaryReport Report,
    IReadOnlyDictionary<string, long> TrueCounts,
    IReadOnlyDictionary<string, IReadOnlyList<int>> ShownCells);
