using Lake.Extract.Distribution;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Extract;

/// <summary>
/// An extraction worker's part of a host: its options, and its consumer for the bus. The host
/// registers the <c>DatasetTask</c> and <c>DeliveryAssembler</c> over its workspace, and picks the transport with
/// Lake.Hosting's <c>AddLakeMessaging</c>, passing <see cref="AddLakeExtractWorkerConsumers"/>.
/// </summary>
public static class ExtractWorkerExtensions
{
    public static IHostApplicationBuilder AddLakeExtractWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName)
            .Validate(o => o.TaskDelay >= TimeSpan.Zero, "Worker:TaskDelay must not be negative.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// The consumers that write one dataset of a request (<c>ExtractDataset</c>) and count a
    /// preliminary study for a coordinator without register keys (<c>CountPreliminaryStudy</c>).
    /// </summary>
    public static IBusRegistrationConfigurator AddLakeExtractWorkerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExtractDatasetConsumer>();
        bus.AddConsumer<CountPreliminaryStudyConsumer>();
        return bus;
    }
}
