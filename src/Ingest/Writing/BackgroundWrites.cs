using System.Threading.Channels;

namespace Lake.Ingest.Writing;

/// <summary>
/// Encodes and compresses row groups on a second thread while the feed is read and converted on
/// the first: the two halves of ingest take about the same time, so overlapping them nearly
/// halves the wall time on a two-core host. One consumer keeps each file's row groups in order;
/// the bound keeps at most two row groups waiting, so memory stays bounded.
/// </summary>
internal sealed class BackgroundWrites
{
    private readonly Channel<Func<Task>> _work = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
    private readonly Task _consumer;

    public BackgroundWrites() => _consumer = Task.Run(ConsumeAsync);

    /// <summary>Waits while two writes are queued; throws at once if an earlier write failed.</summary>
    public ValueTask EnqueueAsync(Func<Task> write, CancellationToken cancellationToken) => _work.Writer.WriteAsync(write, cancellationToken);

    /// <summary>Waits for every queued write and rethrows the first failure.</summary>
    public Task CompleteAsync()
    {
        _work.Writer.TryComplete();
        return _consumer;
    }

    private async Task ConsumeAsync()
    {
        try
        {
            await foreach (var write in _work.Reader.ReadAllAsync())
                await write();
        }
        catch (Exception e)
        {
            _work.Writer.TryComplete(e);
            throw;
        }
    }
}
