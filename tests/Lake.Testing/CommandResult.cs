namespace Lake.Testing;

/// <summary>How a command ended: its exit code and what it printed (stdout, then stderr).</summary>
public sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult ThrowIfFailed() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"exit code {ExitCode}: {Output}");
}
