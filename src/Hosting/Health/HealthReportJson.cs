using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lake.Hosting.Health;

/// <summary>
/// The body of <c>/healthz</c> and <c>/readyz</c>: the overall status and each check's, with a
/// reason for a failing one. Only Lake's own checks give their description: others (MassTransit's)
/// may quote endpoint addresses or exception messages, which an unauthenticated probe must not see.
/// </summary>
public static class HealthReportJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static byte[] Serialize(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var checks = report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(entry => new Dictionary<string, string>
        {
            ["name"] = entry.Key,
            ["status"] = entry.Value.Status.ToString(),
            ["description"] = entry.Value.Status == HealthStatus.Healthy ? "ok"
                : entry.Value.Tags.Contains(HealthTags.Lake) ? entry.Value.Description ?? "failed" : "not ready",
        });
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = checks.ToList(),
        });
    }

    /// <summary>503 unless every check passed: a degraded check is not ready either.</summary>
    public static int StatusCode(HealthReport report) => report?.Status == HealthStatus.Healthy ? 200 : 503;
}
