using Lake.Telemetry;
using Lake.Telemetry.History;
using Lake.Testing;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>The in-process history of Lake's meters: bounded rings, in order, a cap on series, one host's meters only.</summary>
public sealed class MeterHistoryTests
{
    private static readonly DateTimeOffset Start = RecordedMeters.Start;

    [Test]
    public void Sample_MoreThanItKeeps_HoldsTheNewestTotalsOldestFirstAndTheLiveOneLast()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions { PointsKept = 3 });
        for (var i = 1; i <= 5; i++)
        {
            meters.Metrics.ExtractionTaskStarted("diagnosis");
            meters.History.Sample(Start.AddSeconds(10 * i));
        }

        meters.Metrics.ExtractionTaskStarted("diagnosis");
        var points = meters.History.Series(InstrumentNames.TasksStarted).Single().Points(Start.AddSeconds(55));

        Assert.Multiple(() =>
        {
            Assert.That(points.Select(p => p.Total), Is.EqualTo(new double[] { 3, 4, 5, 6 }));
            Assert.That(points.Select(p => p.At), Is.Ordered.Ascending);
            Assert.That(points[^1].At, Is.EqualTo(Start.AddSeconds(55)));
        });
    }

    [Test]
    public void Record_FirstMeasurement_StartsFromZeroAtTheLastSample()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions());
        meters.History.Sample(Start.AddSeconds(10));
        meters.Metrics.ExtractionTaskCompleted("laboratory", TimeSpan.FromSeconds(4));
        meters.Metrics.ExtractionTaskCompleted("laboratory", TimeSpan.FromSeconds(2));

        var duration = meters.History.Series(InstrumentNames.TaskDuration).Single();
        var points = duration.Points(Start.AddSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(points[0], Is.EqualTo(new HistoryPoint(Start.AddSeconds(10), 0, 0)));
            Assert.That(points[^1], Is.EqualTo(new HistoryPoint(Start.AddSeconds(15), 6, 2)));
            Assert.That(duration.Kind, Is.EqualTo(InstrumentKind.Histogram));
            Assert.That(duration.Tags, Is.EquivalentTo(new Dictionary<string, string> { [Tag.RegisterKey] = "laboratory", [Tag.OutcomeKey] = Outcomes.Completed }));
        });
    }

    [Test]
    public void Record_BeyondMaxSeries_CountsTheMeasurementAsDroppedAndKeepsTheOthersGrowing()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions { MaxSeries = 2 });
        meters.Metrics.FeedRejected();
        meters.Metrics.FeedRejected();
        meters.Metrics.RequestFinished(Outcomes.Delivered, TimeSpan.FromMinutes(3));
        meters.Metrics.ExtractionTaskFailed("diagnosis", TimeSpan.FromSeconds(1));
        meters.Metrics.FeedRejected();

        Assert.Multiple(() =>
        {
            Assert.That(meters.History.SeriesCount, Is.EqualTo(2));
            Assert.That(meters.History.MeasurementsDropped, Is.EqualTo(2), "the failed task's counter and its duration");
            Assert.That(meters.History.Series(InstrumentNames.Feeds).Single().Total, Is.EqualTo(3));
            Assert.That(meters.History.Series(InstrumentNames.TasksFailed), Is.Empty);
        });
    }

    [Test]
    public void Sample_QueueDepthGauge_KeepsEachReadingNotASum()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions());
        meters.Metrics.QueueDepthsRead([new QueueDepth("ingest-feed", 7)]);
        meters.History.Sample(Start.AddSeconds(10));
        meters.Metrics.QueueDepthsRead([new QueueDepth("ingest-feed", 2)]);
        meters.History.Sample(Start.AddSeconds(20));

        var depth = meters.History.Series(InstrumentNames.QueueDepth).Single();
        Assert.Multiple(() =>
        {
            Assert.That(depth.Points(Start.AddSeconds(25)).Select(p => p.Total), Is.EqualTo(new double[] { 7, 2, 2 }));
            Assert.That(depth.Tag(Tag.QueueKey), Is.EqualTo("ingest-feed"));
        });
    }

    [Test]
    public void Record_AnotherHostsMeters_AreNotInThisHistory()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions());
        using var elsewhere = new RecordedMeters();
        var otherMetrics = elsewhere.Metrics;

        otherMetrics.FeedRejected();
        meters.Metrics.FeedRejected();

        Assert.That(meters.History.Series(InstrumentNames.Feeds).Single().Total, Is.EqualTo(1));
    }

    [Test]
    public void Series_SeveralTagSets_OnePerSetOrderedByTagValues()
    {
        using var meters = new RecordedMeters(new MeterHistoryOptions());
        meters.Metrics.ExtractionTaskStarted("laboratory");
        meters.Metrics.ExtractionTaskStarted("diagnosis");
        meters.Metrics.ExtractionTaskStarted("laboratory");

        var series = meters.History.Series(InstrumentNames.TasksStarted);
        Assert.That(series.Select(s => (s.Tag(Tag.RegisterKey), s.Total)), Is.EqualTo(new[] { ("diagnosis", 1.0), ("laboratory", 2.0) }));
    }
}
