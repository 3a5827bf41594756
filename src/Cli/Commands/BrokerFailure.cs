using Lake.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lake.Cli.Commands;

/// <summary>The one line a command prints when the broker cannot be reached or refuses the login.</summary>
internal static class BrokerFailure
{
    /// <param name="dataFolder">The command's data folder, whose settings the host read; null when there is none.</param>
    public static string Describe(MassTransit.ConnectionException exception, string? dataFolder)
    {
        var reason = exception.Message;
        var innermost = exception.GetBaseException();
        if (!ReferenceEquals(innermost, exception) && !string.IsNullOrWhiteSpace(innermost.Message))
            reason += ": " + innermost.Message;
        reason = reason.ReplaceLineEndings(" ");
        var broker = ConfiguredBroker(dataFolder);
        if (broker is not null)
            reason = broker.Redact(reason);
        return $"error: the message broker did not answer ({reason}). Start RabbitMQ, or check Messaging__RabbitMqUri (host, port, virtual host), "
            + "Messaging__RabbitMqUsername and Messaging__RabbitMqPasswordFile.";
    }

    /// <summary>The connection as the failed host read it: the same sources in the same order (<see cref="LakeConfiguration"/>).</summary>
    private static BrokerConnection? ConfiguredBroker(string? dataFolder)
    {
        try
        {
            var configuration = LakeConfiguration.Build(dataFolder);
            var options = MessagingOptions.From(configuration);
            return BrokerConnection.From(options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Settings that do not resolve now did resolve when the bus was built; nothing to take out then.
            return null;
        }
    }
}
