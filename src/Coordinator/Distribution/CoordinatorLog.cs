using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// Log messages of the coordinator's side of distributed extraction, event ids 2104-2199 (the ids
/// they had before the coordinator was a project of its own; a worker's are 2101-2103). They name
/// requests, tasks and datasets, never a person: tests and operators follow a request through them.
/// </summary>
internal static partial class CoordinatorLog
{
    [LoggerMessage(2104, LogLevel.Information, "Completion of {Dataset} for request {RequestId} recorded before; ignored")]
    public static partial void CompletionAlreadyRecorded(ILogger logger, string dataset, Guid requestId);

    [LoggerMessage(2105, LogLevel.Information, "Request {RequestId} planned: {Tasks} tasks")]
    public static partial void Planned(ILogger logger, Guid requestId, int tasks);

    [LoggerMessage(2106, LogLevel.Information, "Request {RequestId} delivered: {Files} files")]
    public static partial void Delivered(ILogger logger, Guid requestId, int files);

    [LoggerMessage(2107, LogLevel.Warning, "Task {Dataset} of request {RequestId} failed after its retries: {Reason}")]
    public static partial void TaskFailed(ILogger logger, string dataset, Guid requestId, string reason);

    [LoggerMessage(2108, LogLevel.Warning, "Request {RequestId} stalled in {State} since {Since:O}; {Messages} messages queued again")]
    public static partial void Redriven(ILogger logger, Guid requestId, string state, DateTimeOffset since, int messages);

    // Warning without the stack: while no worker has declared its queue this repeats every poll.
    [LoggerMessage(2109, LogLevel.Warning, "Publishing outbox message {Sequence} failed; it stays queued: {Reason}")]
    public static partial void PublishFailed(ILogger logger, long sequence, string reason);

    [LoggerMessage(2110, LogLevel.Error, "Sweeping stalled requests failed; trying again later")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    // Members are researchers' Lake user names, not patients: the operator must configure their accounts.
    [LoggerMessage(2111, LogLevel.Warning, "Request {RequestId} delivered, but no operating-system account is configured for {Members} (Accounts:OperatingSystem); they cannot open it")]
    public static partial void MembersWithoutAccount(ILogger logger, Guid requestId, string members);
}
