using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Extract.Disclosure;

namespace Lake.Extract.Preliminary;

/// <summary>
/// A preliminary report as JSON, in one shape for `lake study preliminary --json` and the
/// coordinator's API: every count as its shown form, suppressed ones without a value.
/// </summary>
public static class PreliminaryReportJson
{
    public static string Serialize(PreliminaryReport report) => JsonSerializer.Serialize(new
    {
        title = report.Title,
        suppressionThreshold = report.SuppressionThreshold,
        disclosurePolicy = report.PolicyVersion,
        cohortSize = Count(report.CohortSize),
        byIndexYear = report.ByIndexYear.Select(c => new { group = c.Label, patients = Count(c.Count) }),
        bySex = report.BySex.Select(c => new { group = c.Label, patients = Count(c.Count) }),
        byAgeBand = report.ByAgeBand.Select(c => new { group = c.Label, patients = Count(c.Count) }),
        availability = report.Availability.Select(a => new { register = a.Register, rows = Count(a.Total), byYear = a.ByYear.Select(y => new { year = y.Year, rows = Count(y.Rows) }) }),
    }, LakeJson.Options);

    private static object Count(ShownCount count) =>
        count.IsSuppressed
            ? new { value = (long?)null, suppressed = true, display = count.ToString(), reason = (string?)count.Reason.ToString().ToLowerInvariant() }
            : new { value = count.Value, suppressed = false, display = count.ToString(), reason = (string?)null };
}
