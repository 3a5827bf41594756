using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Lake.Ingest.Reading;

/// <summary>
/// Reads a feed on a thread of its own, a block of rows ahead of the caller: decoding text and
/// splitting it into fields take a tenth of ingest's time, and the thread that converts rows is
/// the one ingest waits for. Rows arrive in feed order; a reader failure surfaces at the row where
/// it happened. At most <see cref="BlocksAhead"/> blocks wait, so memory stays bounded.
/// </summary>
internal sealed class PrefetchingFeedReader : IFeedReader
{
    private const int BlockRows = 4096;
    private const int BlocksAhead = 2;

    private readonly IFeedReader _inner;
    private readonly BlockingCollection<Block> _full = new(BlocksAhead);
    private readonly ConcurrentBag<Block> _empty = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Block? _current;
    private int _next;
    private bool _ended;

    public PrefetchingFeedReader(IFeedReader inner)
    {
        _inner = inner;
        _thread = new Thread(Prefetch) { IsBackground = true, Name = "Lake feed reader" };
        _thread.Start();
    }

    public IReadOnlyList<string> ColumnNames => _inner.ColumnNames;

    public char DisplayDelimiter => _inner.DisplayDelimiter;

    public bool Read(FeedRecord record)
    {
        while (_current is null || _next == _current.Count)
        {
            if (_current is not null)
            {
                _current.Failure?.Throw();
                if (_current.Last)
                    _ended = true;
                _empty.Add(_current);
                _current = null;
            }

            if (_ended)
                return false;
            _current = _full.Take();
            _next = 0;
        }

        // Swapping buffers instead of copying text: the block's record takes the caller's old
        // buffers and is filled again on the reading thread.
        record.SwapWith(_current.Records[_next++]);
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _inner.Dispose();
        _stop.Dispose();
        _full.Dispose();
    }

    private void Prefetch()
    {
        try
        {
            Block block;
            do
            {
                block = _empty.TryTake(out var recycled) ? recycled : new Block();
                Fill(block);
                _full.Add(block, _stop.Token);
            }
            while (!block.Last);
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading before the end of the feed.
        }
    }

    /// <summary>A method of its own, not a loop inside <see cref="Prefetch"/>: a loop in a method that never returns runs as on-stack-replaced code, which the JIT optimises less.</summary>
    private void Fill(Block block)
    {
        block.Count = 0;
        block.Last = false;
        block.Failure = null;
        try
        {
            while (block.Count < BlockRows)
            {
                if (!_inner.Read(block.Records[block.Count]))
                {
                    block.Last = true;
                    return;
                }

                block.Count++;
            }
        }
        catch (Exception e)
        {
            block.Failure = ExceptionDispatchInfo.Capture(e);
            block.Last = true;
        }
    }

    private sealed class Block
    {
        public FeedRecord[] Records { get; } = Enumerable.Range(0, BlockRows).Select(_ => new FeedRecord()).ToArray();

        public int Count { get; set; }

        public bool Last { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
