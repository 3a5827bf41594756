using System.Diagnostics;
using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.Hosting.Tests.Workers;

/// <summary>`lake worker` as a real process, given its broker user with a password the broker does not know.</summary>
[TestFixture]
[Category(TestCategories.Integration)]
public sealed class WorkerCredentialsTests : RabbitMqFixture
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(150);

    [Test]
    [CancelAfter(200_000)]
    public async Task Worker_WrongPassword_ExitsWithCodeTwoAndOneLineThatShowsNoPassword(CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory();
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var passwordFile = folder.File("worker-password");
        await File.WriteAllTextAsync(passwordFile, wrongPassword + "\n", cancellationToken);
        var environment = SharedBroker.Environment(BrokerRole.Worker);
        if (!environment.ContainsKey("Messaging__RabbitMqPasswordFile"))
            Assert.Ignore($"The broker {SharedBroker} has no per-role users: run the README's test command, which starts one with them.");
        environment["Messaging__RabbitMqPasswordFile"] = passwordFile;

        Assert.That(await LakeCommandLine.InvokeAsync(["init", "--data", folder.File("data")]), Is.Zero);
        string[] args = ["worker", "--data", folder.File("data"), "--keyring", folder.File("keyring.json")];

        var (exitCode, output, errors) = await RunLakeAsync(folder.Path, environment, cancellationToken, args);
        // Once more with every log line MassTransit writes while it tries, so that a password in any of them is caught.
        environment["Logging__LogLevel__Default"] = "Debug";
        var (_, debugOutput, debugErrors) = await RunLakeAsync(folder.Path, environment, cancellationToken, args);

        var everything = output + errors;
        var errorLines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), everything);
            Assert.That(errorLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)), Has.Exactly(1)
                .Contains("the message broker did not answer").And.Contains("ACCESS_REFUSED").And.Contains("Messaging__RabbitMqPasswordFile"), everything);
            foreach (var text in new[] { everything, debugOutput + debugErrors })
            {
                Assert.That(text, Does.Not.Contain(wrongPassword), "the password given");
                Assert.That(text, Does.Not.Contain(SharedBroker.Password(BrokerRole.Worker)), "the worker's real password");
            }
        });
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunLakeAsync(string workingDirectory, Dictionary<string, string> environment,
        CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(LakeCommand.StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"lake worker still running after {ExitTimeout.TotalSeconds:0} s:\n{await output}{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
