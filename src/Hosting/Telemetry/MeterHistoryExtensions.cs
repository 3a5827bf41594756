using System.Diagnostics.Metrics;
using Lake.Telemetry.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Telemetry;

public static class MeterHistoryExtensions
{
    /// <summary>
    /// The bounded in-process history of this host's Lake meters (<see cref="MeterHistory"/>,
    /// section <c>Telemetry:History</c>), sampled while the host runs. `lake serve` adds it for the
    /// portal's operations page, which then needs no Prometheus. The host registers the
    /// <see cref="TimeProvider"/> the history starts from (the workspace's clock for `lake serve`).
    /// </summary>
    public static IHostApplicationBuilder AddLakeMeterHistory(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MeterHistoryOptions>().BindConfiguration(MeterHistoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The host's own meter factory only: another host in the same process (a test's) keeps its own history.
        builder.Services.AddSingleton(services => new MeterHistory(
            services.GetRequiredService<IOptions<MeterHistoryOptions>>().Value,
            services.GetRequiredService<TimeProvider>().GetUtcNow(),
            services.GetRequiredService<IMeterFactory>()));
        builder.Services.AddHostedService<MeterHistorySampler>();
        return builder;
    }
}
