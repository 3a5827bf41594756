using Lake.Cli;
using Lake.Hosting.Telemetry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Hosting.Tests;

/// <summary>
/// Hosts composed as <c>lake ingest-worker</c> composes its own, with configuration given by the
/// test instead of the environment, and a recorder of the workers' answers.
/// </summary>
internal static class WorkerHost
{
    /// <summary>An ingest worker over <paramref name="lake"/>; <paramref name="configure"/> and <paramref name="consumers"/> add what a test needs beside it.</summary>
    /// <paramref name="extraction"/>, when given, puts extraction roles on the same bus, as a single-node install would.
    public static IHost Build(LandedFeeds lake, FeedOutcomes outcomes, IDictionary<string, string?> settings,
        Action<IHostApplicationBuilder>? configure = null, Action<IBusRegistrationConfigurator>? consumers = null, ExtractionRoles? extraction = null)
    {
        var builder = CreateBuilder(settings, outcomes);
        builder.AddLakeTelemetry(IngestWorker.ServiceName);
        IngestWorker.AddServices(builder, lake.Workspace, lake.Sources, watch: false);
        configure?.Invoke(builder);
        void AddConsumers(IBusRegistrationConfigurator bus)
        {
            IngestWorker.AddConsumers(bus);
            consumers?.Invoke(bus);
        }

        if (extraction is { } roles)
            builder.AddLakeExtraction(roles, AddConsumers);
        else
            builder.AddLakeMessaging(AddConsumers);
        return builder.Build();
    }

    /// <summary>A host that only listens for the workers' answers, as a coordinator would.</summary>
    public static IHost BuildObserver(FeedOutcomes outcomes, IDictionary<string, string?> settings)
    {
        var builder = CreateBuilder(settings, outcomes);
        builder.AddLakeMessaging(bus => bus.AddConsumer<FeedOutcomeRecorder>());
        return builder.Build();
    }

    private static HostApplicationBuilder CreateBuilder(IDictionary<string, string?> settings, FeedOutcomes outcomes)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(outcomes);
        return builder;
    }
}
