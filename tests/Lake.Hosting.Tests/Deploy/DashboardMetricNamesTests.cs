using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Hosting.Tests.Telemetry;
using Lake.Telemetry;

namespace Lake.Hosting.Tests.Deploy;

/// <summary>
/// The Grafana dashboard in deploy/ and the portal's operations page chart the same metrics: the
/// names the dashboard queries are the Prometheus names of Lake's real instruments, found by a
/// listener on the meter, and every instrument has a panel.
/// </summary>
public sealed partial class DashboardMetricNamesTests
{
    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    private static string Dashboard => Path.Combine(Path.GetDirectoryName(SourceFolder.Resolve(null))!, "deploy", "grafana", "dashboards", "lake.json");

    [Test]
    public void Dashboard_EveryLakeMetricItQueries_IsTheNameOfAnInstrument()
    {
        var exported = LakeInstruments.Enumerate().SelectMany(Exported).ToHashSet(StringComparer.Ordinal);
        var queried = Queried();

        Assert.Multiple(() =>
        {
            Assert.That(exported, Is.Not.Empty);
            Assert.That(queried, Is.Not.Empty);
            Assert.That(queried.Where(name => !exported.Contains(name)), Is.Empty, "metrics the dashboard queries that Lake does not export");
        });
    }

    [Test]
    public void Dashboard_EveryInstrument_HasAPanel()
    {
        var queried = Queried();
        var missing = LakeInstruments.Enumerate().Where(i => !Exported(i).Any(queried.Contains)).Select(i => i.PrometheusName);

        Assert.That(missing, Is.Empty, "instruments (each charted on the portal's operations page) with no panel in Grafana");
    }

    [TestCase(InstrumentNames.RowsIngested, "lake_ingest_rows_total")]
    [TestCase(InstrumentNames.BytesWritten, "lake_ingest_written_bytes_total")]
    [TestCase(InstrumentNames.TaskDuration, "lake_extraction_task_duration_seconds")]
    [TestCase(InstrumentNames.QueueDepth, "lake_queue_depth")]
    public void PrometheusName_OfAnInstrument_FollowsTheExportersConvention(string instrument, string expected) =>
        Assert.That(LakeInstruments.Enumerate().Single(i => i.Instrument.Name == instrument).PrometheusName, Is.EqualTo(expected));

    /// <summary>The series a scrape has of an instrument: a histogram's three, anything else's one.</summary>
    private static IEnumerable<string> Exported((Instrument Instrument, string PrometheusName) instrument) =>
        instrument.Instrument is Histogram<double> ? HistogramSeries.Select(s => instrument.PrometheusName + s) : [instrument.PrometheusName];

    private static HashSet<string> Queried()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => LakeMetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value))];
    }

    [GeneratedRegex(@"\blake_[a-z_]+")]
    private static partial Regex LakeMetricName();
}
