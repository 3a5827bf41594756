using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lake.Hosting.Health;

/// <summary>The control-plane database opens for writing and answers a query: the coordinator can record requests.</summary>
public sealed class ControlPlaneHealthCheck(string databasePath) : IHealthCheck
{
    public const string Name = "control-plane";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(databasePath))
            return HealthCheckResult.Unhealthy("the control-plane database is missing");
        // ReadWrite, not ReadWriteCreate: a missing file must not be replaced by an empty database.
        // No pooling: the check leaves no handle open on a file that may go away.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("the control-plane database answers");
        }
        catch (SqliteException exception)
        {
            return HealthCheckResult.Unhealthy($"the control-plane database does not answer (SQLite error {exception.SqliteErrorCode})");
        }
    }
}
