using Lake.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lake.Cli.Commands;

/// <summary>The one line a command prints when the broker cannot be reached or refuses the login.</summary>
internal static class BrokerFailure
{
    public static string Describe(MassTransit.ConnectionException exception)
    {
        var reason = exception.Message;
        var innermost = exception.GetBaseException();
        if (!ReferenceEquals(innermost, exception) && !string.IsNullOrWhiteSpace(innermost.Message))
            reason += ": " + innermost.Message;
        reason = reason.ReplaceLineEndings(" ");
        var broker = ConfiguredBroker();
        if (broker is not null)
            reason = broker.Redact(reason);
        return $"error: the message broker did not answer ({reason}). Start RabbitMQ, or check Messaging__RabbitMqUri (host, port, virtual host), "
            + "Messaging__RabbitMqUsername and Messaging__RabbitMqPasswordFile.";
    }

    /// <summary>
    /// The connection as the failed host read it: the same sources in the same order as
    /// <c>Host.CreateApplicationBuilder</c> (appsettings.json, then the environment).
    /// </summary>
    private static BrokerConnection? ConfiguredBroker()
    {
        try
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build();
            var options = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
            return BrokerConnection.From(options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Settings that do not resolve now did resolve when the bus was built; nothing to take out then.
            return null;
        }
    }
}
