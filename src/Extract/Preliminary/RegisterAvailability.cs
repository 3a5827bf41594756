using Lake.Extract.Disclosure;

namespace Lake.Extract.Preliminary;

/// <summary>Rows one register holds for the cohort, by year of the event.</summary>
public sealed record RegisterAvailability(string Register, ShownCount Total, IReadOnlyList<(string Year, ShownCount Rows)> ByYear);
