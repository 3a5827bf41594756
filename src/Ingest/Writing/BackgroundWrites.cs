using System.Runtime.ExceptionServices;

namespace Lake.Ingest.Writing;

/// <summary>
/// Encodes, compresses and writes row groups on other threads while the feed is read and converted.
/// Each file's writes run one after another, in order; different files' writes run side by side,
/// so the second core has work whenever there is any, and a batch's last row groups and fsyncs
/// overlap. At most <see cref="MaxPending"/> writes wait or run at a time, so memory stays bounded.
/// Nothing is written before <c>start</c> completes, and nothing at all when it says false: the
/// batch id that names the files is computed while the first rows are read.
/// </summary>
internal sealed class BackgroundWrites(Task<bool> start)
{
    /// <summary>Two writing while a third waits keeps both cores fed without holding more row groups.</summary>
    private const int MaxPending = 3;

    private readonly SemaphoreSlim _slots = new(MaxPending);
    private readonly List<Task> _pending = [];
    private Exception? _failure;

    /// <summary>Writes that may start at once.</summary>
    public BackgroundWrites()
        : this(Task.FromResult(true))
    {
    }

    /// <summary>
    /// Queues <paramref name="write"/> to run after <paramref name="previous"/> (the same file's last
    /// write) and returns it; waits while <see cref="MaxPending"/> writes are pending; throws at once
    /// if an earlier write failed.
    /// </summary>
    public async ValueTask<Task> EnqueueAsync(Task previous, Func<Task> write, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await _slots.WaitAsync(cancellationToken);
        if (_failure is not null)
        {
            _slots.Release();
            ThrowIfFailed();
        }

        if (_pending.Count >= 64)
            _pending.RemoveAll(t => t.IsCompletedSuccessfully);
        var task = Task.Run(() => RunAsync(previous, write), CancellationToken.None);
        _pending.Add(task);
        return task;
    }

    /// <summary>Waits for every queued write and rethrows the first failure.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await Task.WhenAll(_pending);
        }
        catch
        {
            ThrowIfFailed();
            throw;
        }
    }

    private async Task RunAsync(Task previous, Func<Task> write)
    {
        try
        {
            await previous;
            if (await start && _failure is null)
                await write();
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
            ExceptionDispatchInfo.Throw(failure);
    }
}
