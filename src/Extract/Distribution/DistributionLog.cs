using Microsoft.Extensions.Logging;

namespace Lake.Extract.Distribution;

/// <summary>
/// Log messages of an extraction worker, event ids 2099-2103 (the coordinator's side of distributed
/// extraction logs 2104-2199, in Lake.Coordinator). They name requests, tasks and datasets, never a person.
/// </summary>
internal static partial class DistributionLog
{
    [LoggerMessage(2099, LogLevel.Warning, "A preliminary study could not be counted for the coordinator: {Reason}")]
    public static partial void PreliminaryFailed(ILogger logger, string reason);

    [LoggerMessage(2100, LogLevel.Information, "Counted a preliminary study for the coordinator: {Cells} counts shown")]
    public static partial void PreliminaryCounted(ILogger logger, int cells);

    [LoggerMessage(2101, LogLevel.Information, "Extracting {Dataset} of request {RequestId}")]
    public static partial void Extracting(ILogger logger, string dataset, Guid requestId);

    [LoggerMessage(2102, LogLevel.Information, "Extracted {Dataset} of request {RequestId}: {Files} files, {Rows} rows")]
    public static partial void Extracted(ILogger logger, string dataset, Guid requestId, int files, long rows);

    [LoggerMessage(2103, LogLevel.Information, "Task {Dataset} of request {RequestId} skipped: the request is delivered already")]
    public static partial void AlreadyDelivered(ILogger logger, string dataset, Guid requestId);
}
