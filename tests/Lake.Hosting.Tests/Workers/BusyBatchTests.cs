using System.Security.Cryptography;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;
using Lake.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting.Tests.Workers;

/// <summary>Two workers given the same feed at once: the second waits for the first instead of rejecting the feed.</summary>
[TestFixture]
[Category(TestCategories.Integration)]
public sealed class BusyBatchTests
{
    [Test]
    public async Task Consume_BatchLockedByAnotherProcess_RetriesAndAnswersOnceTheBatchIsFree()
    {
        using var lake = LandedFeeds.Write(100, "apotti_diagnoses.csv");
        var message = lake.Messages.Single();
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(lake.Sources, message.Descriptor + ".yaml"));
        var feed = Path.Combine(lake.Workspace.FeedsFolder, message.FeedPath);
        var batchId = $"{LakeLayout.SourceSlug(descriptor.System)}-{descriptor.Register}-{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(feed)))[..16]}";
        var outcomes = new FeedOutcomes();
        using var host = WorkerHost.Build(lake, outcomes, new Dictionary<string, string?>(), consumers: bus => bus.AddConsumer<FeedOutcomeRecorder>());
        await host.StartAsync();
        try
        {
            // What another worker ingesting the same feed holds.
            Directory.CreateDirectory(lake.Workspace.Layout.LocksFolder);
            var otherWorker = new FileStream(Path.Combine(lake.Workspace.Layout.LocksFolder, batchId + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            await host.Services.GetRequiredService<IBus>().Publish(message);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.That(outcomes.Count, Is.Zero, "no answer while the batch is busy: neither rejected nor ingested");

            await otherWorker.DisposeAsync();
            await outcomes.WaitForAsync(1, TimeSpan.FromSeconds(60));
            Assert.Multiple(() =>
            {
                Assert.That(outcomes.Rejected, Is.Empty, string.Join("; ", outcomes.Rejected.Select(r => r.Reason)));
                Assert.That(outcomes.Ingested.Single().BatchId, Is.EqualTo(batchId));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
