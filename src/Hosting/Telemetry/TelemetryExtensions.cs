using System.ComponentModel.DataAnnotations;
using Lake.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.Hosting.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>MassTransit's ActivitySource and Meter: its send, receive and consume spans carry a trace across messages.</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>
    /// Lake's metrics and traces with MassTransit's, a Prometheus scrape endpoint when
    /// <c>Telemetry:PrometheusPort</c> is set, traces to <c>Telemetry:OtlpEndpoint</c> when set,
    /// and the queue-depth gauge when the bus is RabbitMQ.
    /// </summary>
    public static IHostApplicationBuilder AddLakeTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        // Checked here rather than at start: the scrape endpoint is opened while the host is built.
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(TelemetryOptions.SectionName, typeof(TelemetryOptions),
                problems.Select(p => $"{TelemetryOptions.SectionName}:{string.Join(", ", p.MemberNames)}: {p.ErrorMessage}"));
        }

        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        builder.Services.TryAddSingleton<LakeMetrics>();

        builder.Services.AddOpenTelemetry()
            // The machine name, not the SDK's random id: a restarted worker stays the same series.
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LakeMetrics.MeterName, MassTransitSource);
                if (options.PrometheusPort > 0)
                    metrics.AddPrometheusHttpListener(listener => ConfigureScrapeEndpoint(listener, options));
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(LakeActivitySource.Name, MassTransitSource);
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint));
            });

        var messaging = MessagingOptions.From(builder.Configuration);
        if (messaging.Transport == MessagingTransport.RabbitMq)
        {
            IReadOnlyList<string> queues = options.Queues.Count > 0 ? [.. options.Queues] : TelemetryOptions.DefaultQueues;
            var broker = BrokerConnection.From(messaging);
            builder.Services.TryAddSingleton<IQueueDepthProbe>(_ => new RabbitMqQueueDepthProbe(broker, queues));
        }

        builder.Services.AddHostedService<QueueDepthSampler>();
        return builder;
    }

    private static void ConfigureScrapeEndpoint(PrometheusHttpListenerOptions listener, TelemetryOptions options)
    {
        listener.Port = options.PrometheusPort;
        if (options.PrometheusHost is "*" or "+")
        {
            // Every interface, as Prometheus in another container or pod must reach it; the
            // default localhost prefix is removed, or both would bind and the start would fail.
            listener.ConfigureHttpListener = static (configured, http) =>
            {
                http.Prefixes.Clear();
                http.Prefixes.Add($"http://+:{configured.Port}{configured.ScrapeEndpointPath}/");
            };
        }
        else
        {
            listener.Host = options.PrometheusHost;
        }
    }
}
