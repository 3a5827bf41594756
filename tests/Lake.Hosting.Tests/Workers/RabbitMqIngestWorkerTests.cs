using Lake.Cli.Commands;
using Lake.Contracts.Ingest;
using Lake.Contracts.Lake;
using Lake.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting.Tests.Workers;

/// <summary>
/// Two ingest workers sharing one queue on RabbitMQ and one lake folder, as two hosts with shared
/// storage do: several feeds go in, and each is ingested exactly once, by one of them.
/// </summary>
[TestFixture]
[Category(TestCategories.Integration)]
[NonParallelizable] // Sets process-wide environment variables that the command's host reads.
public sealed class RabbitMqIngestWorkerTests : RabbitMqFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    [Test]
    [CancelAfter(600_000)]
    public async Task TwoWorkers_SeveralFeeds_EachFeedIngestedExactlyOnceAndBothWorkersIngest(CancellationToken cancellationToken)
    {
        using var lake = LandedFeeds.Write(200, "uranus_patient_background.csv", "apotti_diagnoses.csv", "multilab_laboratory.tsv", "uranus_diagnoses.csv", "apotti_procedures.csv");
        var settings = SharedBroker.Settings(BrokerRole.Ingest);
        var outcomes = new FeedOutcomes { FeedPathPrefix = lake.Batch + "/" };
        // The observer is the test's, not a Lake role: its queue is no role's to declare.
        using var observer = WorkerHost.BuildObserver(outcomes, SharedBroker.Settings(BrokerRole.Admin));
        using var first = WorkerHost.Build(lake, new FeedOutcomes(), settings);
        using var second = WorkerHost.Build(lake, new FeedOutcomes(), settings);
        IHost[] hosts = [observer, first, second];
        foreach (var host in hosts)
            await host.StartAsync(cancellationToken);
        try
        {
            var counters = new[] { first, second }.Select(host =>
            {
                var counter = new ConsumeCounter<IngestFeed>();
                host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(counter);
                return counter;
            }).ToList();
            var bus = observer.Services.GetRequiredService<IBus>();

            foreach (var message in lake.Messages)
                await bus.Publish(message, cancellationToken);
            await outcomes.WaitForAsync(lake.Messages.Count, Wait, cancellationToken);
            var firstRound = outcomes.Ingested.ToList();

            foreach (var message in lake.Messages)
                await bus.Publish(message, cancellationToken);
            await outcomes.WaitForAsync(2 * lake.Messages.Count, Wait, cancellationToken);
            var secondRound = outcomes.Ingested.Skip(firstRound.Count).ToList();

            var commits = new CommitLog(lake.Workspace.Layout).ReadAll();
            Assert.Multiple(() =>
            {
                Assert.That(outcomes.Rejected.Select(r => r.Reason), Is.Empty);
                Assert.That(firstRound.Select(i => i.FeedPath), Is.EquivalentTo(lake.Messages.Select(m => m.FeedPath)), "each feed answered once");
                Assert.That(firstRound.Select(i => i.AlreadyIngested), Is.All.False);
                Assert.That(commits.Select(c => c.BatchId), Is.EquivalentTo(firstRound.Select(i => i.BatchId)), "one batch per feed");
                Assert.That(secondRound.Select(i => i.AlreadyIngested), Is.All.True, "sent again, nothing is written");
                Assert.That(counters.Select(c => c.Count), Is.All.GreaterThan(0), "both workers took feeds from the queue");
                Assert.That(counters.Sum(c => c.Count), Is.EqualTo(2 * lake.Messages.Count));
            });
        }
        finally
        {
            foreach (var host in hosts.Reverse())
                await host.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task IngestSubmit_FeedInTheFeedsFolder_AWorkerIngestsIt(CancellationToken cancellationToken)
    {
        using var lake = LandedFeeds.Write(50, "apotti_diagnoses.csv");
        var settings = SharedBroker.Settings(BrokerRole.Ingest);
        var outcomes = new FeedOutcomes { FeedPathPrefix = lake.Batch + "/" };
        using var observer = WorkerHost.BuildObserver(outcomes, SharedBroker.Settings(BrokerRole.Admin));
        using var worker = WorkerHost.Build(lake, new FeedOutcomes(), settings);
        await observer.StartAsync(cancellationToken);
        await worker.StartAsync(cancellationToken);
        var environment = SharedBroker.Environment(BrokerRole.Ingest);
        foreach (var (key, value) in environment)
            Environment.SetEnvironmentVariable(key, value);
        try
        {
            var feed = Path.Combine(lake.Workspace.FeedsFolder, lake.Messages[0].FeedPath);
            var exitCode = await LakeCommandLine.InvokeAsync(["ingest", "--submit", "--source", lake.Messages[0].Descriptor, feed,
                "--data", lake.Data, "--keyring", lake.KeyRingPath, "--sources", lake.Sources]);
            await outcomes.WaitForAsync(1, Wait, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero);
                Assert.That(outcomes.Ingested.Select(i => (i.FeedPath, i.Descriptor)), Is.EqualTo(new[] { (lake.Messages[0].FeedPath, lake.Messages[0].Descriptor) }));
                Assert.That(new CommitLog(lake.Workspace.Layout).ReadAll(), Has.Count.EqualTo(1));
            });
        }
        finally
        {
            foreach (var key in environment.Keys)
                Environment.SetEnvironmentVariable(key, null);
            await worker.StopAsync(CancellationToken.None);
            await observer.StopAsync(CancellationToken.None);
        }
    }
}
