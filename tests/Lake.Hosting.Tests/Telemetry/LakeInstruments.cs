using System.Diagnostics.Metrics;
using Lake.Telemetry;
using Lake.Telemetry.History;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>Lake's instruments as a <see cref="MeterListener"/> sees them once <see cref="LakeMetrics"/> creates them, with their Prometheus names.</summary>
internal static class LakeInstruments
{
    public static IReadOnlyList<(Instrument Instrument, string PrometheusName)> Enumerate()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var history = new MeterHistory(new MeterHistoryOptions(), DateTimeOffset.UnixEpoch, factory);
        history.Start();
        _ = new LakeMetrics(factory);
        return [.. history.Instruments.Values.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (i, PrometheusName.Of(i)))];
    }
}
