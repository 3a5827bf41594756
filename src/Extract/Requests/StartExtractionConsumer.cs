using Lake.Contracts.Extraction;
using Lake.Extract.Audit;
using Lake.Extract.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Telemetry;
using MassTransit;

namespace Lake.Extract.Requests;

/// <summary>
/// Runs an extraction when its command arrives. The permit is checked again here: it may have
/// expired or lost the member between submission and the worker picking the task up.
/// </summary>
public sealed class StartExtractionConsumer(ControlPlaneStore store, AuditLog audit, ExtractionRunner runner, LakeMetrics metrics) : IConsumer<StartExtraction>
{
    public async Task Consume(ConsumeContext<StartExtraction> context)
    {
        var message = context.Message;
        var request = store.FindRequest(message.RequestId);
        if (request is null || request.State is RequestState.Delivered or RequestState.Refused)
            return; // Unknown or already finished: a redelivered command must not deliver twice.

        var permit = store.FindPermit(message.PermitId);
        var refusal = PermitCheck.RefusalReason(permit, message.PermitId, request.RequestedBy, message.Specification, DateOnly.FromDateTime(store.Now.UtcDateTime));
        if (refusal is not null)
        {
            store.SetState(message.RequestId, RequestState.Refused, refusal);
            audit.Append(request.RequestedBy, "request.extract", Subject(message), "refused", refusal);
            metrics.RequestFinished(Outcomes.Refused, store.Now - request.CreatedAt);
            await context.Publish(new ExtractionFailed { RequestId = message.RequestId, Reason = refusal });
            return;
        }

        store.SetState(message.RequestId, RequestState.Extracting);
        // One task covers every register of the request here; a worker that fans out tags each task with its register.
        using var span = LakeActivitySource.StartExtraction(LakeMetrics.AllRegisters);
        metrics.ExtractionTaskStarted(LakeMetrics.AllRegisters);
        var started = store.Now;
        try
        {
            var manifest = runner.Run(message.RequestId, permit!, request.RequestedBy, message.Specification, message.Batches);
            var folder = runner.DeliveryFolder(permit!.StudyId, message.RequestId);
            store.SetState(message.RequestId, RequestState.Delivered, $"{manifest.Files.Count} files", folder);
            audit.Append(request.RequestedBy, "request.extract", Subject(message), "delivered",
                $"cohort {manifest.CohortSize}; {manifest.Files.Count} files to {folder}; access: {string.Join(", ", manifest.AccessList)}");
            metrics.ExtractionTaskCompleted(LakeMetrics.AllRegisters, store.Now - started);
            metrics.RequestFinished(Outcomes.Delivered, store.Now - request.CreatedAt);
            span.SetOutcome(Outcomes.Completed);
            await context.Publish(new ExtractionDelivered
            {
                RequestId = message.RequestId,
                DeliveryFolder = folder,
                Files = manifest.Files.Count,
                Rows = manifest.Files.Where(f => f.Name.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Rows),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            store.SetState(message.RequestId, RequestState.Failed, e.Message);
            audit.Append(request.RequestedBy, "request.extract", Subject(message), "failed", e.Message);
            metrics.ExtractionTaskFailed(LakeMetrics.AllRegisters, store.Now - started);
            metrics.RequestFinished(Outcomes.Failed, store.Now - request.CreatedAt);
            span.SetOutcome(Outcomes.Failed, error: true);
            await context.Publish(new ExtractionFailed { RequestId = message.RequestId, Reason = e.Message });
        }
    }

    private static string Subject(StartExtraction message) => $"request {message.RequestId} under permit {message.PermitId}";
}
