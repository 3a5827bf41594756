using System.ComponentModel.DataAnnotations;

namespace Lake.Hosting.Telemetry;

/// <summary>
/// Section "Telemetry" of configuration, e.g. <c>Telemetry__PrometheusPort=9464</c> for a scrape
/// endpoint at <c>http://host:9464/metrics</c> and <c>Telemetry__OtlpEndpoint=http://collector:4317</c>
/// to send traces.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Port of the Prometheus scrape endpoint; 0, the default, serves none.</summary>
    [Range(0, 65535)]
    public int PrometheusPort { get; set; }

    /// <summary>
    /// Host part of the endpoint's address: loopback by default, so that metrics are not served to
    /// the network unless asked for; <c>*</c> listens on every interface, as a container scraped
    /// from another must (the deploy files set it).
    /// </summary>
    [Required]
    public string PrometheusHost { get; set; } = "127.0.0.1";

    /// <summary>Where traces go (an OpenTelemetry collector, Jaeger, Tempo); none are sent when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The queues of Lake's consumers, whose depth the gauge reports when <see cref="Queues"/> names none.</summary>
    public static IReadOnlyList<string> DefaultQueues { get; } = ["ingest-feed", "start-extraction", "extract-dataset", "dataset-extracted"];

    /// <summary>
    /// Queues whose depth the gauge reports when the bus is RabbitMQ; empty for <see cref="DefaultQueues"/>.
    /// Empty rather than pre-filled because configuration binding adds to a list instead of replacing it.
    /// </summary>
    public IList<string> Queues { get; set; } = [];

    /// <summary>Seconds between two readings of the queue depths.</summary>
    [Range(1, 3600)]
    public int QueueDepthIntervalSeconds { get; set; } = 15;
}
