using System.Diagnostics.Metrics;

namespace Lake.Telemetry;

/// <summary>
/// The name OpenTelemetry's Prometheus exporter gives an instrument: dots as underscores, the unit
/// appended unless it is an annotation in braces (<c>{row}</c>), and <c>_total</c> on a counter.
/// <c>lake.ingest.rows</c> ({row}) is <c>lake_ingest_rows_total</c>, <c>lake.extraction.task.duration</c>
/// (s) is <c>lake_extraction_task_duration_seconds</c> with <c>_bucket</c>, <c>_sum</c> and <c>_count</c>. The units Lake
/// uses are mapped; a test checks each name against the exporter's scrape.
/// </summary>
public static class PrometheusName
{
    public static string Of(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_');
        var unit = Unit(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
            name += "_" + unit;
        var counter = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() is var type
            && (type == typeof(Counter<>) || type == typeof(ObservableCounter<>));
        return counter ? name + "_total" : name;
    }

    private static string Unit(string? unit) => unit switch
    {
        null or "" => "",
        _ when unit.StartsWith('{') => "",
        "By" => "bytes",
        "s" => "seconds",
        _ => unit.Replace('/', '_'),
    };
}
