using Lake.Contracts.Ingest;
using Lake.Contracts.Lake;
using Lake.Ingest.Descriptors;
using Lake.Telemetry;
using MassTransit;

namespace Lake.Ingest.Messaging;

/// <summary>
/// Ingests a feed when its message arrives. The batch id is the feed's checksum, so a redelivered
/// message or a feed sent twice finds its batch committed and writes nothing; two workers given
/// different feeds ingest them side by side.
/// </summary>
public sealed class IngestFeedConsumer(IngestFolders folders, FeedIngestor ingestor, LakeLayout layout, LakeMetrics metrics) : IConsumer<IngestFeed>
{
    public async Task Consume(ConsumeContext<IngestFeed> context)
    {
        var message = context.Message;
        using var span = LakeActivitySource.StartIngest();
        IngestResult result;
        try
        {
            var descriptor = SourceDescriptorLoader.Load(folders.DescriptorFile(message.Descriptor), ingestor.Registers);
            span.SetFeed(LakeLayout.SourceSlug(descriptor.System), descriptor.Register);
            result = await ingestor.IngestAsync(descriptor, folders.FeedFile(message.FeedPath), progress: null, context.CancellationToken);
        }
        catch (Exception e) when (e is DescriptorException or FeedException or InvalidDataException or KeyNotFoundException or Contracts.Registers.RegisterFileException
            or Contracts.Files.RefusedPathException)
        {
            // The same message would fail the same way again: answer with the reason instead of retrying.
            // A batch busy in another worker is not among these: it goes to the bus's retries, and the
            // retry that comes after the other worker's commit answers "already ingested".
            metrics.FeedRejected();
            span.SetOutcome(Outcomes.Rejected, error: true);
            await context.Publish(new FeedRejected { FeedPath = message.FeedPath, Descriptor = message.Descriptor, Reason = e.Message });
            return;
        }

        var commit = result.Commit;
        if (result.AlreadyIngested)
            metrics.BatchAlreadyIngested(commit);
        else
            metrics.BatchCommitted(layout, commit);
        span.SetOutcome(result.AlreadyIngested ? Outcomes.AlreadyIngested : Outcomes.Committed);

        await context.Publish(new FeedIngested
        {
            FeedPath = message.FeedPath,
            Descriptor = message.Descriptor,
            BatchId = commit.BatchId,
            SourceSystem = commit.SourceSystem,
            Register = commit.Register,
            RowsWritten = commit.RowsWritten,
            RowsQuarantined = commit.RowsQuarantined,
            AlreadyIngested = result.AlreadyIngested,
        });
    }
}
