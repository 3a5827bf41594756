using Spectre.Console;

namespace Lake.Cli.Terminal;

/// <summary>
/// Progress of a long operation (ingest, catalog, scan, waiting for an extraction), always on
/// stderr so that stdout stays the command's result (and a clean <c>--json</c> document). At a
/// terminal a Spectre.Console status line that updates in place; otherwise plain lines every
/// <see cref="Interval"/> (<see cref="ProgressLines"/>).
/// </summary>
internal static class CommandProgress
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <param name="operation">The line's prefix: <c>ingest</c>.</param>
    /// <param name="start">What is starting: <c>reading feed.csv (440 MB)</c>.</param>
    /// <param name="describe">The count reported, in words: <c>1,200,000 rows read</c>; null when the operation counts nothing.</param>
    /// <param name="announce">
    /// Say at once that it started, even when it turns out quick: an operation whose length depends on
    /// its input (an ingest). Otherwise plain lines start once the first interval has passed.
    /// </param>
    public static async Task<T> RunAsync<T>(string operation, string start, Func<long, string>? describe, bool announce, Func<IProgress<long>, Task<T>> work)
    {
        var lines = new ProgressLines(operation, describe, Console.Error, TimeProvider.System);
        if (!Console.IsErrorRedirected)
            return await AtTerminalAsync(lines, operation, start, work);

        if (announce)
            lines.Write(start);
        T result;
        using (TimeProvider.System.CreateTimer(_ => lines.Tick(), null, Interval, Interval))
            result = await work(lines);
        if (lines.Lines > 0)
            lines.Done();
        return result;
    }

    private static async Task<T> AtTerminalAsync<T>(ProgressLines lines, string operation, string start, Func<IProgress<long>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var result = await console.Status().StartAsync(Markup.Escape($"{operation}: {start}"), async context =>
        {
            using var timer = TimeProvider.System.CreateTimer(_ => context.Status(Markup.Escape($"{operation}: {lines.Status()}")), null, Refresh, Refresh);
            return await work(lines);
        });
        lines.Done();
        return result;
    }
}
