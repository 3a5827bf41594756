using System.Diagnostics.Metrics;
using Lake.Telemetry;
using Lake.Telemetry.History;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Testing;

/// <summary>
/// A real <see cref="LakeMetrics"/> on a meter factory of its own, and the <see cref="MeterHistory"/>
/// that listens to that factory only, begun at <see cref="Start"/>: what `lake serve` wires up,
/// without a host, and unseen by any other test's meters.
/// </summary>
public sealed class RecordedMeters : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public RecordedMeters(MeterHistoryOptions? options = null)
    {
        Factory = _services.GetRequiredService<IMeterFactory>();
        History = new MeterHistory(options ?? new MeterHistoryOptions(), Start, Factory);
        History.Start();
        Metrics = new LakeMetrics(Factory);
    }

    public IMeterFactory Factory { get; }

    public MeterHistory History { get; }

    public LakeMetrics Metrics { get; }

    public void Dispose()
    {
        History.Dispose();
        _services.Dispose();
    }
}
