using System.Diagnostics;
using System.Text;
using Lake.Testing;

namespace Lake.Hosting.Tests;

/// <summary>A real `lake` process (the built command line), its output collected, killed on dispose.</summary>
internal sealed class LakeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LakeProcess(Process process) => _process = process;

    /// <summary>Everything it printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"lake did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    public static LakeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start("dotnet", LakeCommand.BuiltDll, workingDirectory, environment, args);

    /// <summary>A `lake` build of <paramref name="lakeDll"/> run by the <paramref name="dotnet"/> host given, e.g. a published one on a chosen runtime.</summary>
    public static LakeProcess Start(string dotnet, string lakeDll, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = new Process { StartInfo = LakeCommand.StartInfo(workingDirectory, environment, args, dotnet, lakeDll) };
        var lake = new LakeProcess(process);
        process.OutputDataReceived += (_, e) => lake.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lake.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lake;
    }

    /// <summary>Waits until <paramref name="url"/> answers <paramref name="status"/>; fails with the output when the process exits or the time runs out.</summary>
    public async Task<(int Status, string Body)> WaitForStatusAsync(Uri url, int status, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (true)
        {
            if (_process.HasExited)
                Assert.Fail($"lake exited ({_process.ExitCode}) before {url} answered {status}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == status)
                    return (status, body);
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{url} did not answer {status} within {timeout.TotalSeconds:0} s (last: {last}):\n{Output}");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
