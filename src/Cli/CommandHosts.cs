using Lake.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Lake.Cli;

/// <summary>
/// What every host a command builds shares: Lake's configuration sources (<see cref="LakeConfiguration"/>)
/// instead of the working folder's, and a start that fails as the command's one line. The Generic
/// Host logs a failed start with its stack trace before the command can say what to check; until the
/// host has started, that is the command's to report (<see cref="CommandAction"/>), and --verbose shows it.
/// </summary>
internal static class CommandHosts
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static void Prepare(IHostApplicationBuilder builder, string dataFolder)
    {
        LakeConfiguration.ReplaceSources(builder.Configuration, dataFolder);
        if (CommandAction.Verbose)
            return;
        var start = new StartWatch();
        builder.Services.AddSingleton<IHostedService>(start);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(HostCategory, _ => start.HasStarted);
    }

    /// <summary>Knows when every hosted service has started: from then on the host's own logs are shown.</summary>
    private sealed class StartWatch : IHostedLifecycleService
    {
        private volatile bool _started;

        public bool HasStarted => _started;

        public Task StartedAsync(CancellationToken cancellationToken)
        {
            _started = true;
            return Task.CompletedTask;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
