using System.Diagnostics;
using Lake.Testing;

namespace Lake.EndToEnd.Tests.Distributed;

/// <summary>
/// A real `lake` process (the built command line) with its output collected line by line, so a
/// test can wait for what it says and kill it with SIGKILL at a chosen moment.
/// </summary>
internal sealed class LakeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private LakeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    public static LakeProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var process = new Process { StartInfo = LakeCommand.StartInfo(workingDirectory, environment, args) };
        var lake = new LakeProcess(name, process);
        process.OutputDataReceived += (_, e) => lake.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lake.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lake;
    }

    /// <summary>Waits until a line matches; fails the test with the process's output when it exits or the time runs out first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        await WaitForLinesAsync(match, 1, timeout, what);
        lock (_lines)
            return _lines.First(match);
    }

    /// <summary>Waits until <paramref name="count"/> lines match; fails the test as <see cref="WaitForLineAsync"/> does.</summary>
    public async Task WaitForLinesAsync(Func<string, bool> match, int count, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (CountLines(match) >= count)
                return;
            if (_process.HasExited)
                Assert.Fail($"{Name} exited ({_process.ExitCode}) before {what}:\n{Output}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{Name} did not show {what} within {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(50);
        }
    }

    public int CountLines(Func<string, bool> match)
    {
        lock (_lines)
            return _lines.Count(match);
    }

    /// <summary>SIGKILL: no finally blocks, no acknowledgements, no flushes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add(line);
    }
}
