using Lake.Cli.Commands;
using Spectre.Console;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Runs the <c>lake</c> command line in-process and records what it prints: Spectre output on a
/// wide console without colours (so tables do not wrap), and plain stdout and stderr.
/// </summary>
internal static class LakeConsole
{
    /// <summary>Stdout and stderr together, in the order they were written, as a terminal shows them.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = await RunAsync(output, output, args);
        return new Result(exitCode, output.ToString());
    }

    /// <summary>Stdout and stderr apart, as a program reading the output gets them.</summary>
    public static async Task<Streams> RunSeparatelyAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await RunAsync(output, error, args);
        return new Streams(exitCode, output.ToString(), error.ToString());
    }

    private static async Task<int> RunAsync(StringWriter output, StringWriter error, string[] args)
    {
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
        Console.SetError(error);
        AnsiConsole.Console = console;
        try
        {
            return await LakeCommandLine.InvokeAsync(args);
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

    public sealed record Streams(int ExitCode, string Output, string Error);
}
