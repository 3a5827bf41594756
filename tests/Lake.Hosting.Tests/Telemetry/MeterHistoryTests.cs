using System.Diagnostics.Metrics;
using Lake.Telemetry;
using Lake.Telemetry.History;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>The in-process history of Lake's meters: bounded rings, in order, a cap on series, one host's meters only.</summary>
public sealed class MeterHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private ServiceProvider _services = null!;
    private LakeMetrics _metrics = null!;

    [SetUp]
    public void CreateMeters()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new LakeMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    [TearDown]
    public void DisposeMeters() => _services.Dispose();

    [Test]
    public void Sample_MoreThanItKeeps_HoldsTheNewestTotalsOldestFirstAndTheLiveOneLast()
    {
        using var history = Started(new MeterHistoryOptions { PointsKept = 3 });
        for (var i = 1; i <= 5; i++)
        {
            _metrics.ExtractionTaskStarted("diagnosis");
            history.Sample(Start.AddSeconds(10 * i));
        }

        _metrics.ExtractionTaskStarted("diagnosis");
        var points = history.Series(InstrumentNames.TasksStarted).Single().Points(Start.AddSeconds(55));

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
        using var history = Started(new MeterHistoryOptions());
        history.Sample(Start.AddSeconds(10));
        _metrics.ExtractionTaskCompleted("laboratory", TimeSpan.FromSeconds(4));
        _metrics.ExtractionTaskCompleted("laboratory", TimeSpan.FromSeconds(2));

        var duration = history.Series(InstrumentNames.TaskDuration).Single();
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
        using var history = Started(new MeterHistoryOptions { MaxSeries = 2 });
        _metrics.FeedRejected();
        _metrics.FeedRejected();
        _metrics.RequestFinished(Outcomes.Delivered, TimeSpan.FromMinutes(3));
        _metrics.ExtractionTaskFailed("diagnosis", TimeSpan.FromSeconds(1));
        _metrics.FeedRejected();

        Assert.Multiple(() =>
        {
            Assert.That(history.SeriesCount, Is.EqualTo(2));
            Assert.That(history.MeasurementsDropped, Is.EqualTo(2), "the failed task's counter and its duration");
            Assert.That(history.Series(InstrumentNames.Feeds).Single().Total, Is.EqualTo(3));
            Assert.That(history.Series(InstrumentNames.TasksFailed), Is.Empty);
        });
    }

    [Test]
    public void Sample_QueueDepthGauge_KeepsEachReadingNotASum()
    {
        using var history = Started(new MeterHistoryOptions());
        _metrics.QueueDepthsRead([new QueueDepth("ingest-feed", 7)]);
        history.Sample(Start.AddSeconds(10));
        _metrics.QueueDepthsRead([new QueueDepth("ingest-feed", 2)]);
        history.Sample(Start.AddSeconds(20));

        var depth = history.Series(InstrumentNames.QueueDepth).Single();
        Assert.Multiple(() =>
        {
            Assert.That(depth.Points(Start.AddSeconds(25)).Select(p => p.Total), Is.EqualTo(new double[] { 7, 2, 2 }));
            Assert.That(depth.Tag(Tag.QueueKey), Is.EqualTo("ingest-feed"));
        });
    }

    [Test]
    public void Record_AnotherHostsMeters_AreNotInThisHistory()
    {
        using var history = Started(new MeterHistoryOptions());
        using var elsewhere = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var otherMetrics = new LakeMetrics(elsewhere.GetRequiredService<IMeterFactory>());

        otherMetrics.FeedRejected();
        _metrics.FeedRejected();

        Assert.That(history.Series(InstrumentNames.Feeds).Single().Total, Is.EqualTo(1));
    }

    [Test]
    public void Series_SeveralTagSets_OnePerSetOrderedByTagValues()
    {
        using var history = Started(new MeterHistoryOptions());
        _metrics.ExtractionTaskStarted("laboratory");
        _metrics.ExtractionTaskStarted("diagnosis");
        _metrics.ExtractionTaskStarted("laboratory");

        var series = history.Series(InstrumentNames.TasksStarted);
        Assert.That(series.Select(s => (s.Tag(Tag.RegisterKey), s.Total)), Is.EqualTo(new[] { ("diagnosis", 1.0), ("laboratory", 2.0) }));
    }

    private MeterHistory Started(MeterHistoryOptions options)
    {
        var history = new MeterHistory(options, Start, _services.GetRequiredService<IMeterFactory>());
        history.Start();
        return history;
    }
}
