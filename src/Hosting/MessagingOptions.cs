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
}
