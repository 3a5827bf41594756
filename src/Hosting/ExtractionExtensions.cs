using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Requests;
using Lake.Extract.Distribution;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting;

public static class ExtractionExtensions
{
    /// <summary>
    /// The bus and the extraction consumers of the given roles, over the same code whichever the
    /// transport. The caller registers the workspace's <c>ControlPlaneStore</c> and <c>AuditLog</c>
    /// (coordinator) and <c>ExtractionRunner</c> (both), and <c>AddLakeTelemetry</c> for the
    /// metrics the consumers record; <paramref name="moreConsumers"/> puts other work (ingest) on the same bus.
    /// </summary>
    public static IHostApplicationBuilder AddLakeExtraction(this IHostApplicationBuilder builder, ExtractionRoles roles, Action<IBusRegistrationConfigurator>? moreConsumers = null)
    {
        var coordinator = roles.HasFlag(ExtractionRoles.Coordinator);
        var worker = roles.HasFlag(ExtractionRoles.Worker);
        builder.Services.AddOptions<CoordinatorOptions>().BindConfiguration(CoordinatorOptions.SectionName)
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out _), "Coordinator:Url must be an address such as http://127.0.0.1:5080.")
            .Validate(o => o.OutboxPollInterval > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.RedriveAfter > TimeSpan.Zero,
                "Coordinator:OutboxPollInterval, SweepInterval and RedriveAfter must be positive times, e.g. 00:00:01.")
            .Validate(o => o.MaxRedrives is >= 1 and <= 100, "Coordinator:MaxRedrives must be between 1 and 100.")
            .ValidateOnStart();
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName)
            .Validate(o => o.TaskDelay >= TimeSpan.Zero, "Worker:TaskDelay must not be negative.")
            .ValidateOnStart();
        builder.AddLakeMessaging(bus =>
        {
            if (coordinator)
            {
                bus.AddConsumer<StartExtractionConsumer>();
                bus.AddConsumer<DatasetExtractedConsumer>();
                bus.AddConsumer<ExtractDatasetFaultConsumer>();
            }

            if (worker)
                bus.AddConsumer<ExtractDatasetConsumer>();
            moreConsumers?.Invoke(bus);
        });
        if (coordinator)
        {
            builder.Services.AddSingleton<ExtractionOutcomes>();
            // After the bus's own hosted service, which has started the bus when this one starts.
            builder.Services.AddSingleton<OutboxDispatcher>();
            builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        }

        return builder;
    }
}
