using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// Log messages of the audit log and its checkpoints, event ids 2200-2299. They name tree sizes,
/// files and addresses, never an entry's content: the log itself is where the decisions are.
/// </summary>
internal static partial class CheckpointLog
{
    [LoggerMessage(2200, LogLevel.Debug, "No syslog socket at {Socket}; audit checkpoints go to the checkpoint file (and witness) only")]
    public static partial void NoSyslog(ILogger logger, string socket);

    [LoggerMessage(2201, LogLevel.Warning, "Audit checkpoint {TreeSize} was not sent to syslog: {Reason}")]
    public static partial void SyslogFailed(ILogger logger, long treeSize, string reason);

    [LoggerMessage(2202, LogLevel.Warning, "Audit checkpoint {TreeSize} was not taken by the witness {Witness}: {Reason}; the next one goes after {RetryAt:O}")]
    public static partial void WitnessFailed(ILogger logger, long treeSize, string witness, string reason, DateTimeOffset retryAt);

    [LoggerMessage(2203, LogLevel.Warning, "Publishing audit checkpoint {TreeSize} failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, long treeSize, string reason);

    [LoggerMessage(2204, LogLevel.Warning, "The audit log's Merkle tree did not match its {Entries} entries and was rebuilt from them; run `lake audit verify`")]
    public static partial void TreeRebuilt(ILogger logger, long entries);

    [LoggerMessage(2205, LogLevel.Information, "{Count} audit entries written before entries were sealed are now sealed into the Merkle tree")]
    public static partial void LegacyEntriesSealed(ILogger logger, int count);

    [LoggerMessage(2206, LogLevel.Warning, "Audit entry {Sequence} carries no seal and was not written by this log; it is left unsealed for `lake audit verify` to report")]
    public static partial void UnsealedEntryFound(ILogger logger, long sequence);
}
