using Lake.Contracts.Ingest;
using Lake.Contracts.Lake;
using Lake.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting.Tests.Workers;

/// <summary>The ingest worker on the in-memory bus: feeds in, one batch per feed, answers out.</summary>
[TestFixture]
[Category(TestCategories.Integration)]
public sealed class IngestFeedConsumerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private LandedFeeds _lake = null!;
    private FeedOutcomes _outcomes = null!;
    private IHost _host = null!;

    [OneTimeSetUp]
    public async Task StartWorker()
    {
        _lake = LandedFeeds.Write(200, "apotti_diagnoses.csv", "multilab_laboratory.tsv");
        _outcomes = new FeedOutcomes();
        _host = WorkerHost.Build(_lake, _outcomes, new Dictionary<string, string?>(), consumers: bus => bus.AddConsumer<FeedOutcomeRecorder>());
        await _host.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopWorker()
    {
        await _host.StopAsync();
        _host.Dispose();
        _lake.Dispose();
    }

    [Test]
    [Order(1)]
    public async Task Consume_EachFeedOnce_CommitsOneBatchPerFeedAndSaysSo()
    {
        await PublishAndWaitAsync(_lake.Messages);

        var commits = new CommitLog(_lake.Workspace.Layout).ReadAll();
        Assert.Multiple(() =>
        {
            Assert.That(_outcomes.Rejected, Is.Empty, string.Join("; ", _outcomes.Rejected.Select(r => r.Reason)));
            Assert.That(_outcomes.Ingested.Select(i => i.FeedPath), Is.EquivalentTo(_lake.Messages.Select(m => m.FeedPath)));
            Assert.That(_outcomes.Ingested.Select(i => i.AlreadyIngested), Is.All.False);
            Assert.That(_outcomes.Ingested.Select(i => (i.BatchId, i.RowsWritten)), Is.EquivalentTo(commits.Select(c => (c.BatchId, c.RowsWritten))));
        });
    }

    [Test]
    [Order(2)]
    public async Task Consume_SameFeedAgain_WritesNothingAndSaysItWasAlreadyIngested()
    {
        var before = Directory.GetFiles(_lake.Workspace.Layout.Root, "*", SearchOption.AllDirectories).Order().ToList();
        var already = _outcomes.Count;

        await PublishAndWaitAsync(_lake.Messages, already);

        var again = _outcomes.Ingested.Skip(already).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(again.Select(i => i.AlreadyIngested), Is.All.True);
            Assert.That(Directory.GetFiles(_lake.Workspace.Layout.Root, "*", SearchOption.AllDirectories).Order(), Is.EqualTo(before));
        });
    }

    [TestCase("../../etc/passwd", "outside")]
    [TestCase("/etc/passwd", "relative")]
    [TestCase("nowhere/missing.csv", "does not exist")]
    public async Task Consume_FeedPathNotAFeedInTheFolder_RejectsWithTheReason(string feedPath, string reason)
    {
        var already = _outcomes.Count;
        await PublishAndWaitAsync([new IngestFeed { FeedPath = feedPath, Descriptor = _lake.Messages[0].Descriptor }], already);

        var rejected = _outcomes.Rejected.Single(r => r.FeedPath == feedPath);
        Assert.That(rejected.Reason, Does.Contain(reason));
    }

    [TestCase("no-such-system", "No source descriptor 'no-such-system'")]
    [TestCase("../examples/diabetes-study", "outside")]
    public async Task Consume_UnknownDescriptor_RejectsWithTheReason(string descriptor, string reason)
    {
        var already = _outcomes.Count;
        var message = new IngestFeed { FeedPath = _lake.Messages[0].FeedPath, Descriptor = descriptor };
        await PublishAndWaitAsync([message], already);

        var rejected = _outcomes.Rejected.Single(r => r.Descriptor == descriptor);
        Assert.That(rejected.Reason, Does.Contain(reason));
    }

    private async Task PublishAndWaitAsync(IReadOnlyList<IngestFeed> messages, int already = 0)
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        foreach (var message in messages)
            await bus.Publish(message);
        await _outcomes.WaitForAsync(already + messages.Count, Wait);
    }
}
