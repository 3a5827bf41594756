using System.Globalization;
using Lake.Cli.Terminal;

namespace Lake.EndToEnd.Tests;

/// <summary>The plain progress lines a log gets: the count in words, the seconds since the start, nothing else.</summary>
public sealed class ProgressLinesTests
{
    [Test]
    public void Tick_AfterRowsAndSeconds_WritesTheCountAndTheElapsedTime()
    {
        var (time, output) = (new ManualTime(), new StringWriter());
        var lines = new ProgressLines("ingest", rows => rows.ToString("N0", CultureInfo.InvariantCulture) + " rows read", output, time);

        lines.Report(1_200_000);
        time.Advance(TimeSpan.FromSeconds(12));
        lines.Tick();
        lines.Report(2_500_000);
        time.Advance(TimeSpan.FromSeconds(5));
        lines.Tick();

        Assert.That(output.ToString().ReplaceLineEndings("\n"), Is.EqualTo("ingest: 1,200,000 rows read, 12 s\ningest: 2,500,000 rows read, 17 s\n"));
    }

    [Test]
    public void Done_WithoutACount_SaysDoneAndTheTime()
    {
        var (time, output) = (new ManualTime(), new StringWriter());
        var lines = new ProgressLines("catalog", null, output, time);

        time.Advance(TimeSpan.FromSeconds(7));
        lines.Done();

        Assert.Multiple(() =>
        {
            Assert.That(output.ToString().TrimEnd(), Is.EqualTo("catalog: done, 7 s"));
            Assert.That(lines.Lines, Is.EqualTo(1));
        });
    }

    [Test]
    public void Report_AloneWritesNothing()
    {
        var output = new StringWriter();
        var lines = new ProgressLines("ingest", rows => $"{rows} rows", output, new ManualTime());

        lines.Report(65_536);

        Assert.Multiple(() =>
        {
            Assert.That(output.ToString(), Is.Empty, "lines come with the ticks, not with every count");
            Assert.That(lines.Lines, Is.Zero);
            Assert.That(lines.Status(), Is.EqualTo("65536 rows, 0 s"));
        });
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
