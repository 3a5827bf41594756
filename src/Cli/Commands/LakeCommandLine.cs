using System.CommandLine;

namespace Lake.Cli.Commands;

/// <summary>The <c>lake</c> command tree. Public so that end-to-end tests drive exactly what a user types.</summary>
public static class LakeCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Lake: a pseudonymized research data lake. Ingest source feeds, answer preliminary studies, deliver permitted extractions.")
        {
            GlobalOptions.Data,
            GlobalOptions.KeyRing,
            GlobalOptions.Sources,
            GlobalOptions.RegisterFolders,
            DemoCommand.Create(),
            SynthCommand.Create(),
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
        };
        return root.Parse(args).InvokeAsync();
    }
}
