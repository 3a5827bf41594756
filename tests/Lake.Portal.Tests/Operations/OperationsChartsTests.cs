using Lake.Portal.Operations;
using Lake.Telemetry;
using Lake.Telemetry.History;

namespace Lake.Portal.Tests.Operations;

/// <summary>The operations page's lines and bars from a real history of a real <see cref="LakeMetrics"/>.</summary>
public sealed class OperationsChartsTests
{
    private static readonly DateTimeOffset Start = RecordedMeters.Start;

    private RecordedMeters _meters = null!;

    private LakeMetrics Metrics => _meters.Metrics;

    private MeterHistory History => _meters.History;

    [SetUp]
    public void CreateMeters() => _meters = new RecordedMeters(new MeterHistoryOptions { IntervalSeconds = 10 });

    [TearDown]
    public void DisposeMeters() => _meters.Dispose();

    [Test]
    public void Increases_TasksInTwoIntervals_CountsEachIntervalFromZero()
    {
        Metrics.ExtractionTaskStarted("diagnosis");
        Metrics.ExtractionTaskStarted("laboratory");
        History.Sample(Start.AddSeconds(10));
        History.Sample(Start.AddSeconds(20));
        Metrics.ExtractionTaskStarted("diagnosis");

        var line = new OperationsCharts(History, Start.AddSeconds(25)).Increases(InstrumentNames.TasksStarted, _ => "started").Single();

        Assert.That(line.Points, Is.EqualTo(new[]
        {
            new ChartPoint(Start.AddSeconds(10), 2),
            new ChartPoint(Start.AddSeconds(20), 0),
            new ChartPoint(Start.AddSeconds(25), 1),
        }), "two registers' series add up under one label; the live total ends the line");
    }

    [Test]
    public void Means_TaskDurations_AreTheIntervalsSumOverItsCount()
    {
        Metrics.ExtractionTaskCompleted("diagnosis", TimeSpan.FromSeconds(3));
        Metrics.ExtractionTaskCompleted("laboratory", TimeSpan.FromSeconds(5));
        History.Sample(Start.AddSeconds(10));
        History.Sample(Start.AddSeconds(20));

        var line = new OperationsCharts(History, Start.AddSeconds(20)).Means(InstrumentNames.TaskDuration, s => s.Tag(Tag.OutcomeKey)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(line.Label, Is.EqualTo(Outcomes.Completed));
            Assert.That(line.Points, Is.EqualTo(new[] { new ChartPoint(Start.AddSeconds(10), 4) }), "an interval without a task has no mean");
        });
    }

    [Test]
    public void Totals_FeedsRejectedTwice_OneBarOfTheFeedsCounterOnly()
    {
        Metrics.FeedRejected();
        Metrics.FeedRejected();
        Metrics.RequestFinished(Outcomes.Delivered, TimeSpan.FromSeconds(1));

        var bars = new OperationsCharts(History, Start.AddSeconds(5)).Totals(InstrumentNames.Feeds, s => s.Tag(Tag.OutcomeKey));

        Assert.That(bars, Is.EqualTo(new[] { new ChartBar(Outcomes.Rejected, 2) }));
    }

    [Test]
    public void TimeWindow_LongerThanSixtyIntervals_MergesWholeIntervals()
    {
        var window = TimeWindow.Of(Start, Start.AddHours(3), TimeSpan.FromSeconds(10), TimeSpan.FromHours(3));

        Assert.Multiple(() =>
        {
            Assert.That(window.Bucket, Is.EqualTo(TimeSpan.FromMinutes(3)));
            Assert.That(window.Buckets, Is.EqualTo(TimeWindow.MaxBuckets));
            Assert.That(window.BucketOf(Start.AddMinutes(3)), Is.Zero, "an interval holds its end");
            Assert.That(window.BucketOf(Start.AddMinutes(3).AddSeconds(1)), Is.EqualTo(1));
        });
    }

    [Test]
    public void TimeWindow_OlderThanTheHistoryReaches_StartsWhereItReaches()
    {
        var window = TimeWindow.Of(Start, Start.AddHours(5), TimeSpan.FromSeconds(10), TimeSpan.FromHours(3));

        Assert.That(window.From, Is.EqualTo(Start.AddHours(2)));
    }
}
