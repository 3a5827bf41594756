using System.Diagnostics.Metrics;
using Lake.Telemetry;
using Lake.Testing;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>Lake's instruments as a <see cref="MeterListener"/> sees them once <see cref="LakeMetrics"/> creates them, with their Prometheus names.</summary>
internal static class LakeInstruments
{
    public static IReadOnlyList<(Instrument Instrument, string PrometheusName)> Enumerate()
    {
        using var meters = new RecordedMeters();
        return [.. meters.History.Instruments.Values.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (i, PrometheusName.Of(i)))];
    }
}
