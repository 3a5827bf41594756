using Lake.Contracts.Ingest;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Ingest.Messaging;

/// <summary>
/// Publishes <see cref="IngestFeed"/> for each feed that lands in <c>feeds/incoming/&lt;descriptor&gt;/</c>:
/// the folder names the descriptor. Polls rather than listening for file events, which shared
/// network storage does not deliver; a file is sent once its size and time stamp held still for one
/// poll, so a feed still being copied in is not read half-written.
/// </summary>
public sealed class IncomingFeedWatcher(IngestFolders folders, IBus bus, TimeProvider time, ILogger<IncomingFeedWatcher> logger) : BackgroundService
{
    public const string IncomingFolderName = "incoming";

    private readonly Dictionary<string, (long Length, DateTime Written)> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    /// <summary>Time between two looks at the folder.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public string IncomingFolder => Path.Combine(folders.FeedsFolder, IncomingFolderName);

    /// <summary>One look at the folder; returns the messages published. Exposed for tests, which need no timer.</summary>
    public async Task<IReadOnlyList<IngestFeed>> PollAsync(CancellationToken cancellationToken)
    {
        var published = new List<IngestFeed>();
        if (!Directory.Exists(IncomingFolder))
            return published;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(IncomingFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var descriptorFolder = Path.GetRelativePath(IncomingFolder, Path.GetDirectoryName(file)!);
            if (descriptorFolder == "." || _sent.Contains(file) || Path.GetFileName(file).StartsWith('.'))
                continue; // Feeds sit in a folder named after their descriptor; dot files are uploads in progress.

            seen.Add(file);
            var info = new FileInfo(file);
            var state = (info.Length, info.LastWriteTimeUtc);
            if (!_pending.TryGetValue(file, out var before) || before != state)
            {
                _pending[file] = state;
                continue;
            }

            var message = new IngestFeed { FeedPath = folders.RelativeFeedPath(file), Descriptor = descriptorFolder.Replace(Path.DirectorySeparatorChar, '/') };
            await bus.Publish(message, cancellationToken);
            _pending.Remove(file);
            _sent.Add(file);
            published.Add(message);
            MessagingLog.FeedLanded(logger, message.FeedPath, message.Descriptor);
        }

        foreach (var gone in _pending.Keys.Where(f => !seen.Contains(f)).ToList())
            _pending.Remove(gone);
        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A share that is briefly away is retried at the next poll.
                MessagingLog.IncomingUnreadable(logger, IncomingFolder, exception.Message);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
