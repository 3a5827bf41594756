using Lake.Contracts.Extraction;
using Lake.Extract.Delivery;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Extract.Distribution;

/// <summary>
/// A worker's share of an extraction: writes one dataset of a request and reports its files. The
/// message is acknowledged only when this returns, after the files are renamed into place and the
/// completion is confirmed by the broker; a worker killed before that leaves the task to another.
/// An exception goes to the bus's bounded retries and then, as a fault, to the error queue.
/// </summary>
public sealed class ExtractDatasetConsumer(DatasetTask datasetTask, DeliveryAssembler assembler, LakeMetrics metrics, TimeProvider time, IOptions<WorkerOptions> options, ILogger<ExtractDatasetConsumer> logger) : IConsumer<ExtractDataset>
{
    public async Task Consume(ConsumeContext<ExtractDataset> context)
    {
        var task = context.Message;
        if (Directory.Exists(assembler.DeliveryFolder(task.StudyId, task.RequestId)))
        {
            // A copy of a task whose request was assembled meanwhile: writing now would leave files beside a published delivery.
            DistributionLog.AlreadyDelivered(logger, task.Dataset, task.RequestId);
            return;
        }

        DistributionLog.Extracting(logger, task.Dataset, task.RequestId);
        if (options.Value.TaskDelay > TimeSpan.Zero)
            await Task.Delay(options.Value.TaskDelay, context.CancellationToken);
        // The dataset is the cohort or a catalog register name: safe as a label, never patient data.
        using var span = LakeActivitySource.StartExtraction(task.Dataset);
        metrics.ExtractionTaskStarted(task.Dataset);
        var started = time.GetTimestamp();
        IReadOnlyList<DeliveredFile> files;
        try
        {
            files = datasetTask.Run(task.RequestId, task.StudyId, task.Specification, task.Batches, task.Dataset, registerVersions: task.RegisterVersions);
        }
        catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            metrics.ExtractionTaskFailed(task.Dataset, time.GetElapsedTime(started));
            span.SetOutcome(Outcomes.Failed, error: true);
            throw;
        }

        metrics.ExtractionTaskCompleted(task.Dataset, time.GetElapsedTime(started));
        span.SetOutcome(Outcomes.Completed);
        DistributionLog.Extracted(logger, task.Dataset, task.RequestId, files.Count, files.Sum(f => f.Rows));
        await context.Publish(new DatasetExtracted
        {
            RequestId = task.RequestId,
            Dataset = task.Dataset,
            Files = files.Select(f => new ExtractedFile
            {
                Name = f.Name,
                Register = f.Register,
                Rows = f.Rows,
                Bytes = f.Bytes,
                Sha256 = f.Sha256,
                Redactions = f.Redactions,
                IdentityCodesReleased = f.IdentityCodesReleased,
                RegisterVersion = f.RegisterVersion,
                Columns = [.. f.Columns.Select(c => new ExtractedColumn(c.Name, c.Type))],
            }).ToList(),
        });
    }
}
