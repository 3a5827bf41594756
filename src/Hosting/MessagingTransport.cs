namespace Lake.Hosting;

/// <summary>Which message broker carries Lake's commands and events.</summary>
public enum MessagingTransport
{
    /// <summary>In-process: the single-process mode, no broker to install.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker, for coordinator and workers on many hosts.</summary>
    RabbitMq,
}
