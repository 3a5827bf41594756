using Microsoft.Extensions.Logging;

namespace Lake.Ingest.Messaging;

/// <summary>Log messages of the ingest worker; event ids 1100-1199.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Feed {FeedPath} landed; sent for ingest with descriptor {Descriptor}")]
    public static partial void FeedLanded(ILogger logger, string feedPath, string descriptor);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "The incoming folder {Folder} could not be read: {Reason}")]
    public static partial void IncomingUnreadable(ILogger logger, string folder, string reason);
}
