using System.Diagnostics;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The checkout's ./lake script builds on first use and when a build input changed, and otherwise
/// runs the built command at once. It runs here in a copy of the script with a stand-in `dotnet`
/// first on PATH that records each call, so what is tested is the script's decision, not a build.
/// </summary>
public sealed class CheckoutScriptTests
{
    private TempDirectory _checkout = null!;

    [SetUp]
    public void MakeCheckout()
    {
        _checkout = new TempDirectory("lake-checkout-script");
        File.Copy(Path.Combine(RepositoryPaths.Root, "lake"), _checkout.File("lake"));
        Directory.CreateDirectory(_checkout.File("src/Cli"));
        File.WriteAllText(_checkout.File("src/Cli/Program.cs"), "// source\n");
        Directory.CreateDirectory(_checkout.File("bin"));
        // Builds when asked to, fails when told to, and answers a run with its arguments.
        File.WriteAllText(_checkout.File("bin/dotnet"),
            """
            #!/usr/bin/env bash
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            if [[ "$1" == build ]]; then
                echo build >> "$here/dotnet-calls"
                if [[ -f "$here/break-build" ]]; then echo "error CS1002: ; expected"; exit 1; fi
                mkdir -p "$here/artifacts/bin/Lake.DevelopmentCli/release"
                touch "$here/artifacts/bin/Lake.DevelopmentCli/release/lake-dev.dll"
                exit 0
            fi
            echo exec >> "$here/dotnet-calls"
            shift
            echo "ran $*"
            """);
        File.SetUnixFileMode(_checkout.File("lake"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(_checkout.File("bin/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TearDown]
    public void RemoveCheckout() => _checkout.Dispose();

    [Test]
    public void FirstUse_BuildsThenRuns()
    {
        var (exitCode, output) = Run("--version");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0));
            Assert.That(output, Does.Contain("ran --version"));
            Assert.That(Calls(), Is.EqualTo(new[] { "build", "exec" }));
        });
    }

    [Test]
    public void NothingChanged_RunsWithoutBuilding()
    {
        Run("--version");
        AgeTheBuild();

        Run("catalog");

        Assert.That(Calls(), Is.EqualTo(new[] { "build", "exec", "exec" }));
    }

    [Test]
    public void SourceEditedAfterTheBuild_BuildsAgain()
    {
        Run("--version");
        AgeTheBuild();
        File.WriteAllText(_checkout.File("src/Cli/Program.cs"), "// edited\n");

        Run("--version");

        Assert.That(Calls(), Is.EqualTo(new[] { "build", "exec", "build", "exec" }));
    }

    [Test]
    public void FailedBuild_ShowsTheCompilerAndBuildsAgainNextTime()
    {
        File.WriteAllText(_checkout.File("break-build"), "");

        var (exitCode, output) = Run("--version");
        File.Delete(_checkout.File("break-build"));
        Run("--version");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain("error CS1002"));
            Assert.That(Calls(), Is.EqualTo(new[] { "build", "build", "exec" }), "a failed build leaves no stamp that would skip the next one");
        });
    }

    [Test]
    public void SourceFileRemoved_BuildsAgain()
    {
        File.WriteAllText(_checkout.File("src/Cli/Old.cs"), "// source\n");
        Run("--version");
        AgeTheBuild();
        File.Delete(_checkout.File("src/Cli/Old.cs"));

        Run("--version");

        Assert.That(Calls(), Is.EqualTo(new[] { "build", "exec", "build", "exec" }));
    }

    [Test]
    public void BuildOutputInsideASourceFolder_IsNotAnInput()
    {
        Directory.CreateDirectory(_checkout.File("src/Cli/obj"));
        Run("--version");
        AgeTheBuild();
        File.WriteAllText(_checkout.File("src/Cli/obj/project.assets.json"), "{}");

        Run("--version");

        Assert.That(Calls(), Is.EqualTo(new[] { "build", "exec", "exec" }));
    }

    /// <summary>Moves the build into the past, so a file written now is clearly newer, whatever the clock's resolution.</summary>
    private void AgeTheBuild()
    {
        var past = DateTime.UtcNow.AddMinutes(-10);
        // Folders too: a folder's time changes when a file in it is added or removed, which builds again.
        foreach (var entry in Directory.EnumerateFileSystemEntries(_checkout.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("dotnet-calls", StringComparison.Ordinal)))
            File.SetLastWriteTimeUtc(entry, past);
    }

    private string[] Calls() => File.ReadAllLines(_checkout.File("dotnet-calls"));

    private (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(_checkout.File("lake")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _checkout.Path };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PATH"] = _checkout.File("bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
