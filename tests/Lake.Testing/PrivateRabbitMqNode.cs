using System.Diagnostics;

namespace Lake.Testing;

/// <summary>
/// A RabbitMQ node of a test's own, run by <c>scripts/rabbitmq-private-node.sh</c> in a temp folder.
/// Stop and start it again to simulate a broker restart: ports, queues and persistent messages stay.
/// </summary>
/// <remarks>
/// Tests that restart a broker use their own node rather than the one the README's test command
/// shares: test assemblies run in parallel, and a restart would break another assembly's tests.
/// </remarks>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private const string ScriptPath = "scripts/rabbitmq-private-node.sh";

    // A boot takes 4-15 s, and up to a minute on a busy 2-core machine; the script's own boot
    // timeout (180 s) fires before this one.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(240);

    private readonly string _script;
    private readonly TempDirectory _directory;

    private PrivateRabbitMqNode(string script, TempDirectory directory)
    {
        _script = script;
        _directory = directory;
    }

    /// <summary>The node's AMQP URI (no user in it), the same after every restart.</summary>
    public string AmqpUri { get; private set; } = "";

    /// <summary>The node and its users: one per Lake role and an admin for the tests, passwords in <c>secrets/</c>.</summary>
    public TestBroker Broker => new(AmqpUri, System.IO.Path.Combine(Directory, "secrets"));

    /// <summary>The node's folder: data, logs (<c>log/</c>) and the <c>env</c> file.</summary>
    public string Directory => _directory.Path;

    /// <summary>Starts a new node; throws <see cref="InvalidOperationException"/> naming its log when it can't.</summary>
    public static async Task<PrivateRabbitMqNode> StartAsync(CancellationToken cancellationToken = default)
    {
        var script = FindScript()
            ?? throw new InvalidOperationException($"{ScriptPath} not found above {AppContext.BaseDirectory}; set LAKE_TEST_RABBITMQ_SCRIPT");
        var node = new PrivateRabbitMqNode(script, new TempDirectory("lake-rabbitmq"));
        try
        {
            await node.StartAgainAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node after <see cref="StopAsync"/>; returns once it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        var output = await RunScriptAsync(cancellationToken, "start", Directory);
        AmqpUri = output.Trim().Split('\n')[^1];
    }

    /// <summary>Stops the node cleanly; returns once its process has exited.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunScriptAsync(cancellationToken, "stop", Directory);

    /// <summary>Adds a virtual host with Lake's roles and the admin granted on it, as on the node's default one.</summary>
    public async Task<TestBroker> AddVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        await RunScriptAsync(cancellationToken, "vhost", Directory, name);
        return Broker.OnVirtualHost(name);
    }

    /// <summary>Runs rabbitmqctl against the node, e.g. <c>list_queues name type</c>; returns its output.</summary>
    public Task<string> ControlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunScriptAsync(cancellationToken, ["ctl", Directory, .. arguments]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException exception)
        {
            // Disposal runs in teardown; a failed stop is reported, not thrown over the test's own result.
            await TestContext.Progress.WriteLineAsync($"Stopping the RabbitMQ node in {Directory} failed: {exception.Message}");
        }
        _directory.Dispose();
    }

    private static string? FindScript()
    {
        var configured = Environment.GetEnvironmentVariable("LAKE_TEST_RABBITMQ_SCRIPT");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : null;

        // Test assemblies run from an artifacts/bin/ folder inside the repository.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ScriptPath);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private async Task<string> RunScriptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(_script);
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not run bash {_script}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{ScriptPath} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds:0} s; logs in {Directory}/log");
        }

        // The script's progress lines (node name, ports, boot time) are worth keeping in the test log.
        var messages = await errors;
        await TestContext.Progress.WriteAsync(messages);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{ScriptPath} {arguments[0]} failed ({process.ExitCode}): {messages.Trim()}");
        return await output;
    }
}
