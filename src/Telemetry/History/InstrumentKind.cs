namespace Lake.Telemetry.History;

/// <summary>How a series adds up: counters and histograms accumulate, a gauge reports its latest value.</summary>
public enum InstrumentKind
{
    Counter,
    Histogram,
    Gauge,
}
