using Microsoft.Extensions.Logging;

namespace Lake.Cli;

/// <summary>
/// Warnings of library code that a command runs outside a host (a checkpoint the audit witness did
/// not take, ...) as one line each on stderr, written at once: stdout is the command's own output,
/// and a short-lived command would exit before a background console logger wrote anything.
/// </summary>
internal sealed class StandardErrorLogger : ILogger
{
    public static StandardErrorLogger Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            Console.Error.WriteLine($"{(logLevel == LogLevel.Warning ? "warning" : "error")}: {formatter(state, exception)}");
    }
}
