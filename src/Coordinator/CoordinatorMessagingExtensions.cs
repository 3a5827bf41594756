using Lake.Contracts.Extraction;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Preliminary;
using Lake.Coordinator.Requests;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator;

/// <summary>
/// The coordinator's part of distributed extraction: its options, the outcomes of requests, the
/// outbox dispatcher and (for `lake serve`) the sweeper of stalled requests, and its consumers for
/// the bus. The host registers the workspace's <c>ControlPlaneDataSource</c>, <c>AuditLog</c>, <c>RegisterCatalog</c>,
/// <c>ExtractionPlanner</c> and <c>DeliveryAssembler</c>, and the metrics (<c>AddLakeTelemetry</c>).
/// </summary>
public static class CoordinatorMessagingExtensions
{
    /// <summary>Call after Lake.Hosting's <c>AddLakeMessaging</c>: the dispatcher's hosted service must start after the bus's.</summary>
    /// <param name="sweepStalledRequests">Whether this host re-drives requests that stopped moving (the long-running coordinator does; a one-off command does not).</param>
    public static IHostApplicationBuilder AddLakeCoordinatorMessaging(this IHostApplicationBuilder builder, bool sweepStalledRequests = false)
    {
        builder.Services.AddOptions<CoordinatorOptions>().BindConfiguration(CoordinatorOptions.SectionName)
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out _), "Coordinator:Url must be an address such as http://127.0.0.1:5080.")
            .Validate(o => o.OutboxPollInterval > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.RedriveAfter > TimeSpan.Zero,
                "Coordinator:OutboxPollInterval, SweepInterval and RedriveAfter must be positive times, e.g. 00:00:01.")
            .Validate(o => o.MaxRedrives is >= 1 and <= 100, "Coordinator:MaxRedrives must be between 1 and 100.")
            .Validate(o => o.PreliminaryTimeout > TimeSpan.Zero, "Coordinator:PreliminaryTimeout must be a positive time, e.g. 00:02:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TransferOptions>, TransferOptionsValidation>();
        builder.Services.AddControlPlaneStores();
        builder.Services.AddSingleton<RequestService>();
        builder.Services.AddSingleton<ExtractionOutcomes>();
        builder.Services.AddScoped<WorkerPreliminaryCounter>();
        // After the bus's own hosted service, which has started the bus when this one starts.
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        if (sweepStalledRequests)
            builder.Services.AddHostedService<RequestSweeper>();
        return builder;
    }

    /// <summary>
    /// The consumers that plan requests, record finished tasks, and fail requests whose tasks failed;
    /// and the client that asks a worker to count a preliminary study.
    /// </summary>
    public static IBusRegistrationConfigurator AddLakeCoordinatorConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddRequestClient<CountPreliminaryStudy>();
        bus.AddConsumer<StartExtractionConsumer>();
        bus.AddConsumer<DatasetExtractedConsumer>();
        bus.AddConsumer<ExtractDatasetFaultConsumer>();
        return bus;
    }
}
