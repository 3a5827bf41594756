namespace Lake.Hosting;

/// <summary>
/// Section "Messaging" of configuration, e.g. environment variables
/// <c>Messaging__Transport=RabbitMq</c> and <c>Messaging__RabbitMqUri=amqp://user:pass@host:5672/vhost</c>.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public string RabbitMqUri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

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
}
