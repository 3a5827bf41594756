using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.Hosting;

/// <summary>
/// Section "Messaging" of configuration. For RabbitMQ, each role has a broker user of its own:
/// <code>
/// Messaging__Transport=RabbitMq
/// Messaging__RabbitMqUri=amqps://broker.internal:5671/lake      host, port, virtual host
/// Messaging__RabbitMqUsername=lake-worker
/// Messaging__RabbitMqPasswordFile=/run/secrets/lake-worker-password
/// Messaging__UseTls=true                                         implied by amqps://
/// Messaging__TlsServerName=broker.internal                       default: the URI's host
/// Messaging__TlsCaCertificatePath=/etc/lake/broker-ca.pem        default: the system's trust store
/// </code>
/// The URI's user info (<c>amqp://user:password@host/vhost</c>) works too, for a broker reached
/// by hand; a password file is better, as environment variables show in process listings and crash
/// reports. Lake never logs or prints the password.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>Host, port and virtual host; <c>amqps://</c> turns TLS on. No user in it by default: <c>guest</c> is refused.</summary>
    public string RabbitMqUri { get; set; } = "amqp://127.0.0.1:5672/";

    /// <summary>The broker user of this role; overrides the URI's user.</summary>
    public string? RabbitMqUsername { get; set; }

    /// <summary>A file holding the password (one line; a trailing newline is dropped); overrides the URI's password.</summary>
    public string? RabbitMqPasswordFile { get; set; }

    /// <summary>TLS to the broker; on by itself with an <c>amqps://</c> URI.</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the broker's certificate must carry, when it is not the URI's host.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>PEM file of the certificate authorities that sign the broker's certificate, when the system does not trust them.</summary>
    public string? TlsCaCertificatePath { get; set; }

    /// <summary>
    /// Waits between a failed message's attempts in the consuming process; after the last the
    /// message goes to its queue's <c>_error</c> queue with the exception in its headers. Null for
    /// <see cref="DefaultRetryIntervals"/> (configuration adds to an array rather than replacing it,
    /// so the default cannot be the property's initial value).
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    public static IReadOnlyList<TimeSpan> DefaultRetryIntervals { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>
    /// RabbitMQ only: how often a quorum queue hands out one message before dropping it. Retries
    /// in the process do not count; deliveries do, and a message redelivered this often has
    /// killed that many consumers (RabbitMQ before 4.0 sets no limit and would loop forever).
    /// </summary>
    public int DeliveryLimit { get; set; } = 10;

    /// <summary>
    /// How long a process waits for the broker to accept a connection before it gives up starting,
    /// saying so in one line: long enough for a broker that is starting, short enough that one that
    /// is down, or a mistyped address, is not a minute of silence.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The section as configured. A value that is not of its setting's kind fails here with the
    /// setting's name and, for the transport, the values it may take, rather than deep in the host.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting cannot be read as its type.</exception>
    public static MessagingOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var transport = section[nameof(Transport)];
        var transports = Enum.GetNames<MessagingTransport>();
        if (transport is not null && !transports.Contains(transport, StringComparer.OrdinalIgnoreCase))
            throw Invalid($"Messaging:Transport (Messaging__Transport) is '{transport}'; it must be one of {string.Join(", ", transports)}.");
        try
        {
            return section.Get<MessagingOptions>() ?? new MessagingOptions();
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(e.Message + " Check the Messaging settings (appsettings.json or Messaging__ environment variables).");
        }
    }

    private static OptionsValidationException Invalid(string message) => new(SectionName, typeof(MessagingOptions), [message]);
}
