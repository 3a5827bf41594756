using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lake.Hosting.Health;

/// <summary>
/// The lake folder exists and takes a file: a shared mount that went away, or came back read-only,
/// makes the process unready before a task fails on it.
/// </summary>
public sealed class LakeStorageHealthCheck(string lakeFolder) : IHealthCheck
{
    public const string Name = "lake-storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(lakeFolder))
            return HealthCheckResult.Unhealthy("the lake folder is missing");
        try
        {
            // A dot file, gone when closed: no reader of the lake lists it, and a crash leaves at most an empty file.
            var probe = Path.Combine(lakeFolder, $".ready-{Guid.NewGuid():N}");
            await using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return HealthCheckResult.Healthy("the lake folder takes files");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The exception's message names the path; the description must not.
            return HealthCheckResult.Unhealthy("the lake folder is not writable");
        }
    }
}
