using Microsoft.Extensions.Logging;

namespace Lake.Hosting.Health;

/// <summary>Log messages of the health endpoints; event ids 5200-5299.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Health endpoints /healthz and /readyz on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, string host, int port);
}
