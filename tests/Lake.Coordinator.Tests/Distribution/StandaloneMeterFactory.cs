using System.Diagnostics.Metrics;

namespace Lake.Coordinator.Tests.Distribution;

/// <summary>Meters for consumers built by hand in a test, outside a host's dependency injection.</summary>
internal sealed class StandaloneMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
