using Lake.Cli.Commands;
using Spectre.Console;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Runs the <c>lake</c> command line in-process and records what it prints: Spectre output on a
/// wide console without colours (so tables do not wrap), and plain stdout and stderr.
/// </summary>
internal static class LakeConsole
{
    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;

        var (previousOut, previousError, previousConsole) = (Console.Out, Console.Error, AnsiConsole.Console);
        Console.SetOut(output);
        Console.SetError(output);
        AnsiConsole.Console = console;
        try
        {
            var exitCode = await LakeCommandLine.InvokeAsync(args);
            return new Result(exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            AnsiConsole.Console = previousConsole;
        }
    }

    /// <summary>`lake init`: the data folder a test's commands use, made the one way a user makes it.</summary>
    public static async Task InitAsync(string data)
    {
        var init = await RunAsync("init", "--data", data);
        Assert.That(init.ExitCode, Is.Zero, init.Output);
    }

    public sealed record Result(int ExitCode, string Output);
}
