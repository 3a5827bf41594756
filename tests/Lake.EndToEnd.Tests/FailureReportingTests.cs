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
            Assert.That(help, Does.Contain("Exit codes: 0 success; 1 the command line was not understood"));
            Assert.That(help, Does.Contain("2 a user error or an operational failure"));
            Assert.That(help, Does.Contain("3 refused"));
            Assert.That(help, Does.Contain("--verbose"));
        });
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
