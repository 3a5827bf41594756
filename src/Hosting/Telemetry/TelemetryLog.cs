using Microsoft.Extensions.Logging;

namespace Lake.Hosting.Telemetry;

/// <summary>Log messages of the telemetry setup; event ids 5100-5199.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Queue depths could not be read: {Reason}")]
    public static partial void QueueDepthUnreadable(ILogger logger, string reason);
}
