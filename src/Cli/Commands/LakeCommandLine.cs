using System.CommandLine;

namespace Lake.Cli.Commands;

/// <summary>The <c>lake</c> command tree. Public so that end-to-end tests drive exactly what a user types.</summary>
public static class LakeCommandLine
{
    /// <summary>Commands of a development checkout only (its own executable adds them), named when the product is asked for one.</summary>
    private static readonly string[] DevelopmentCommands = ["demo", "synth"];

    /// <param name="developmentCommands">What a development build adds (`demo`, `synth`); the product has none.</param>
    public static Task<int> InvokeAsync(string[] args, params Command[] developmentCommands)
    {
        if (developmentCommands.Length == 0 && args.Length > 0 && DevelopmentCommands.Contains(args[0], StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"error: 'lake {args[0]}' is a development tool and not part of this installation (the product carries no synthetic data generator). " +
                $"Run './lake {args[0]}' in a checkout of the Lake repository.");
            return Task.FromResult(CommandAction.UserError);
        }

        var root = new RootCommand("Lake: a pseudonymized research data lake. Ingest source feeds, answer preliminary studies, deliver permitted extractions.\n\n" + CommandAction.ExitCodes)
        {
            GlobalOptions.Data,
            GlobalOptions.KeyRing,
            GlobalOptions.Sources,
            GlobalOptions.RegisterFolders,
            GlobalOptions.Verbose,
            InitCommand.Create(),
            IngestCommand.Create(),
            IngestWorkerCommand.Create(),
            RegistersCommand.Create(),
            StudyCommand.Create(),
            PermitCommand.Create(),
            RequestCommand.Create(),
            ServeCommand.Create(),
            LoginCommand.Login(),
            LoginCommand.Logout(),
            UsersCommand.Create(),
            ServicesCommand.Create(),
            WorkerCommand.Create(),
            AuditCommand.Create(),
            KeysCommand.Create(),
            CostCommand.Create(),
            SourcesCommand.Create(),
            CatalogCommand.Create(),
            VerifyCommand.Create(),
        };
        foreach (var command in developmentCommands)
            root.Subcommands.Add(command);
        Terminal.PipedWidth.Apply(Spectre.Console.AnsiConsole.Console, Console.IsOutputRedirected);
        return CommandAction.InvokeAsync(root.Parse(args));
    }
}
