using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// What a command says when it cannot do its work: the exit codes are listed in `lake --help`, and
/// an operational failure is one line naming the setting to check and exit code 2, with the stack
/// trace only under --verbose.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and sets process-wide environment variables.
public sealed partial class FailureReportingTests
{
    private TempDirectory _root = null!;

    private string Data => _root.File("data");

    private string KeyRing => _root.File("keyring.json");

    [SetUp]
    public async Task CreateDataFolder()
    {
        _root = new TempDirectory("lake-failures");
        await LakeConsole.InitAsync(Data);
    }

    [TearDown]
    public void RemoveFolder() => _root.Dispose();

    [Test]
    public async Task Help_ListsEveryExitCodeAndWhatItMeans()
    {
        var result = await LakeConsole.RunAsync("--help");
        var help = Whitespace().Replace(result.Output, " ");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(help, Does.Contain("Exit codes: 0 success 1 the command line was not understood"));
            Assert.That(help, Does.Contain("2 a user error or an operational failure"));
            Assert.That(help, Does.Contain("3 refused by the rules"));
            Assert.That(help, Does.Contain("--verbose"));
        });
    }

    [Test]
    [Category(TestCategories.Integration)]
    public async Task Serve_PortAlreadyInUse_OneLineNamingTheSettingAndExitTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await RunProcessAsync([], "serve", "--url", url);

        AssertOneLine(run, "address already in use", "--url or Coordinator__Url");
        Assert.That(run.Output, Does.Not.Contain("   at "), "no stack trace in the host's log either");
    }

    [Test]
    public async Task Serve_UnknownTransport_OneLineListingTheValidValues()
    {
        Environment.SetEnvironmentVariable("Messaging__Transport", "Rabbit");
        try
        {
            var result = await LakeConsole.RunAsync("serve", "--data", Data, "--keyring", KeyRing);

            AssertOneLine(new ProcessRun(result.ExitCode, "", result.Output), "Messaging__Transport) is 'Rabbit'; it must be one of InMemory, RabbitMq");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Messaging__Transport", null);
        }
    }

    [Test]
    [Category(TestCategories.Integration)]
    public async Task Worker_BrokerDown_OneLineNamingTheBrokerSettingsAfterTheShortConnectTimeout()
    {
        var closedPort = FreePort.Next();
        var password = _root.OwnerOnlyFile("worker-password", "not-used\n");
        var broker = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMqUri"] = $"amqp://127.0.0.1:{closedPort}/",
            ["Messaging__RabbitMqUsername"] = "lake-worker",
            ["Messaging__RabbitMqPasswordFile"] = password,
            ["Messaging__ConnectTimeout"] = "00:00:02",
        };

        var run = await RunProcessAsync(broker, "worker");

        AssertOneLine(run, $"RabbitMQ at 127.0.0.1:{closedPort} accepted no connection within 2 s", "Messaging__RabbitMqUri");
        Assert.That(run.Errors, Does.Not.Contain("not-used"));
    }

    [Test]
    public async Task UsersList_CorruptKeyRing_OneLineNamingTheFileAndTheSettingThatChoseIt()
    {
        _root.OwnerOnlyFile("keyring.json", "{ this is not a key ring");

        var result = await LakeConsole.RunAsync("users", "list", "--data", Data, "--keyring", KeyRing);

        AssertOneLine(new ProcessRun(result.ExitCode, "", result.Output), $"Key ring file {KeyRing} cannot be used", "--keyring or LAKE_KEYRING");
    }

    [Test]
    public async Task UsersList_KeyRingThisAccountCannotRead_OneLineNamingTheSetting()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            Assert.Ignore("File modes do not keep root, or anyone on Windows, from reading a file; the corrupt key ring test covers the message.");
        File.WriteAllText(KeyRing, "{}");
        File.SetUnixFileMode(KeyRing, UnixFileMode.None);

        var result = await LakeConsole.RunAsync("users", "list", "--data", Data, "--keyring", KeyRing);

        AssertOneLine(new ProcessRun(result.ExitCode, "", result.Output), KeyRing, "--keyring or LAKE_KEYRING");
    }

    [Test]
    public async Task CorruptKeyRing_WithVerbose_AddsTheStackTraceAfterTheLine()
    {
        _root.OwnerOnlyFile("keyring.json", "{ this is not a key ring");

        var result = await LakeConsole.RunAsync("users", "list", "--verbose", "--data", Data, "--keyring", KeyRing);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError));
            Assert.That(result.Output, Does.StartWith("error: Key ring file"));
            Assert.That(result.Output, Does.Contain("System.IO.InvalidDataException").And.Contain("   at "));
        });
    }

    private static void AssertOneLine(ProcessRun run, params string[] expected)
    {
        var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(CommandAction.UserError), run.Output + run.Errors);
            Assert.That(lines, Has.Length.EqualTo(1), run.Errors);
            Assert.That(lines.FirstOrDefault(), Does.StartWith("error: "));
            foreach (var part in expected)
                Assert.That(lines.FirstOrDefault(), Does.Contain(part));
            Assert.That(run.Errors, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    /// <summary>The built `lake` in a process of its own, so that what its hosts log is seen as a user sees it.</summary>
    private async Task<ProcessRun> RunProcessAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var process = Process.Start(LakeCommand.StartInfo(_root.Path, environment, [.. args, "--data", Data, "--keyring", KeyRing]))!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessRun(process.ExitCode, await output, await errors);
    }

    private sealed record ProcessRun(int ExitCode, string Output, string Errors);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
