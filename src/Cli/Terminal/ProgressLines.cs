using System.Globalization;

namespace Lake.Cli.Terminal;

/// <summary>
/// Progress as plain lines, for a log rather than a person at a terminal (CI, cron, a pipe):
/// <c>ingest: 1,200,000 rows read, 12 s</c>, one line per tick, none in between. The count comes
/// from the operation (<see cref="IProgress{T}"/>), the ticks from a timer, so a line appears on
/// time even while the count stands still (a commit, a wait).
/// </summary>
internal sealed class ProgressLines(string operation, Func<long, string>? describe, TextWriter writer, TimeProvider time) : IProgress<long>
{
    private readonly long _started = time.GetTimestamp();
    // The timer's thread and the command's own may both write a line.
    private readonly Lock _writing = new();
    private long _count;
    private int _lines;

    /// <summary>Lines written so far: an operation that announced nothing says nothing when it ends.</summary>
    public int Lines => _lines;

    public void Report(long value) => Interlocked.Exchange(ref _count, value);

    /// <summary>What the operation has done so far: <c>1,200,000 rows read, 12 s</c>.</summary>
    public string Status()
    {
        var elapsed = time.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
        return describe is null ? elapsed : $"{describe(Interlocked.Read(ref _count))}, {elapsed}";
    }

    public void Write(string text)
    {
        Interlocked.Increment(ref _lines);
        lock (_writing)
            writer.WriteLine($"{operation}: {text}");
    }

    public void Tick() => Write(Status());

    public void Done() => Write("done, " + Status());
}
