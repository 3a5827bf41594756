using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Extract.Disclosure;

namespace Lake.Extract.Preliminary;

/// <summary>
/// A preliminary report as JSON, in one shape for `lake study preliminary --json`, the
/// coordinator's API and a worker's answer to the coordinator: every count as its shown form,
/// suppressed ones without a value.
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

    /// <summary>The inverse of <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not a report in this shape.</exception>
    public static PreliminaryReport Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var threshold = root.GetProperty("suppressionThreshold").GetInt32();
        ShownCount CountOf(JsonElement count) =>
            count.GetProperty("suppressed").GetBoolean()
                ? new ShownCount(null, threshold, Enum.Parse<Suppression>(count.GetProperty("reason").GetString()!, ignoreCase: true))
                : new ShownCount(count.GetProperty("value").GetInt64(), threshold);
        List<(string, ShownCount)> Groups(string name) =>
            [.. root.GetProperty(name).EnumerateArray().Select(g => (g.GetProperty("group").GetString()!, CountOf(g.GetProperty("patients"))))];

        return new PreliminaryReport
        {
            Title = root.GetProperty("title").GetString()!,
            SuppressionThreshold = threshold,
            PolicyVersion = root.GetProperty("disclosurePolicy").GetString()!,
            CohortSize = CountOf(root.GetProperty("cohortSize")),
            ByIndexYear = Groups("byIndexYear"),
            BySex = Groups("bySex"),
            ByAgeBand = Groups("byAgeBand"),
            Availability =
            [
                .. root.GetProperty("availability").EnumerateArray().Select(a => new RegisterAvailability(
                    a.GetProperty("register").GetString()!,
                    CountOf(a.GetProperty("rows")),
                    [.. a.GetProperty("byYear").EnumerateArray().Select(y => (y.GetProperty("year").GetString()!, CountOf(y.GetProperty("rows"))))])),
            ],
        };
    }

    private static object Count(ShownCount count) =>
        count.IsSuppressed
            ? new { value = (long?)null, suppressed = true, display = count.ToString(), reason = (string?)count.Reason.ToString().ToLowerInvariant() }
            : new { value = count.Value, suppressed = false, display = count.ToString(), reason = (string?)null };
}
