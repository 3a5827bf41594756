using Lake.Contracts.Ingest;
using Lake.Ingest.Messaging;
using Lake.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lake.Hosting.Tests.Workers;

/// <summary>The watcher over feeds/incoming/, polled by hand: no timer, no waiting.</summary>
public sealed class IncomingFeedWatcherTests
{
    private ServiceProvider _services = null!;
    private IBusControl _bus = null!;
    private TempDirectory _feeds = null!;
    private TempDirectory _sources = null!;

    [SetUp]
    public async Task StartBus()
    {
        _feeds = new TempDirectory();
        _sources = new TempDirectory();
        // A bus nobody listens on: the watcher's answer is what it returns.
        _services = new ServiceCollection().AddMassTransit(bus => bus.UsingInMemory()).BuildServiceProvider();
        _bus = _services.GetRequiredService<IBusControl>();
        await _bus.StartAsync();
    }

    [TearDown]
    public async Task StopBus()
    {
        await _bus.StopAsync();
        await _services.DisposeAsync();
        _feeds.Dispose();
        _sources.Dispose();
    }

    [Test]
    public async Task Poll_FeedLandedInItsDescriptorsFolder_SentOnceWhenItHeldStill()
    {
        var incoming = Incoming("apotti-diagnosis");
        File.WriteAllText(Path.Combine(incoming, "2026-11.csv"), "header\n");
        File.WriteAllText(Path.Combine(incoming, ".2026-12.csv.part"), "upload in progress");
        File.WriteAllText(Path.Combine(_feeds.Path, IncomingFeedWatcher.IncomingFolderName, "loose.csv"), "no descriptor folder");
        var watcher = Watcher();

        var first = await watcher.PollAsync(CancellationToken.None);
        var second = await watcher.PollAsync(CancellationToken.None);
        var third = await watcher.PollAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Empty, "a file seen once may still be growing");
            Assert.That(second, Is.EqualTo(new[] { new IngestFeed { FeedPath = "incoming/apotti-diagnosis/2026-11.csv", Descriptor = "apotti-diagnosis" } }));
            Assert.That(third, Is.Empty, "sent once");
        });
    }

    [Test]
    public async Task Poll_FeedStillGrowing_WaitsUntilItHoldsStill()
    {
        var feed = Path.Combine(Incoming("multilab-laboratory"), "lab.tsv");
        File.WriteAllText(feed, "a\n");
        var watcher = Watcher();

        await watcher.PollAsync(CancellationToken.None);
        File.AppendAllText(feed, "more rows\n");
        var whileGrowing = await watcher.PollAsync(CancellationToken.None);
        var afterwards = await watcher.PollAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(whileGrowing, Is.Empty);
            Assert.That(afterwards.Select(m => m.Descriptor), Is.EqualTo(new[] { "multilab-laboratory" }));
        });
    }

    private string Incoming(string descriptor) =>
        Directory.CreateDirectory(Path.Combine(_feeds.Path, IncomingFeedWatcher.IncomingFolderName, descriptor)).FullName;

    private IncomingFeedWatcher Watcher() =>
        new(new IngestFolders(_feeds.Path, _sources.Path), _bus, TimeProvider.System, NullLogger<IncomingFeedWatcher>.Instance);
}
