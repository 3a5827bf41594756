using System.Diagnostics;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Extract.Delivery;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Requests;

/// <summary>
/// Plans an extraction when its command arrives: one task per dataset over one lake snapshot,
/// recorded with their messages in one transaction and published by the outbox. The permit is
/// checked again here: it may have expired or lost the member since the request was submitted.
/// </summary>
public sealed class StartExtractionConsumer(
    RequestStore requests, PermitStore permits, ExtractionPlanStore plans, AuditLog audit, ExtractionPlanner planner, ExtractionOutcomes outcomes, OutboxDispatcher outbox, LakeMetrics metrics,
    IOptions<CoordinatorOptions> options, TimeProvider time, ILogger<StartExtractionConsumer> logger) : IConsumer<StartExtraction>
{
    public async Task Consume(ConsumeContext<StartExtraction> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var request = await requests.FindAsync(message.RequestId, cancellationToken);
        if (request is null || request.State != RequestState.Accepted)
            return; // Unknown, planned already or finished: a redelivered command must not plan twice.

        var permit = await permits.FindAsync(message.PermitId, cancellationToken);
        var now = time.GetUtcNow();
        var refusal = PermitCheck.RefusalReason(permit, message.PermitId, request.RequestedBy, message.Specification, DateOnly.FromDateTime(now.UtcDateTime), planner.Registers)
            ?? Extract.Omop.OmopRequestCheck.RefusalReason(message.Specification, outcomes.OmopOptions);
        if (refusal is not null)
        {
            await requests.SetStateAsync(message.RequestId, RequestState.Refused, refusal, cancellationToken);
            audit.Append(request.RequestedBy, "request.extract", ExtractionOutcomes.Subject(request), "refused", refusal);
            metrics.RequestFinished(Outcomes.Refused, now - request.CreatedAt);
            await context.Publish(new ExtractionFailed { RequestId = message.RequestId, Reason = refusal });
            return;
        }

        ExtractionPlan plan;
        try
        {
            plan = planner.Plan(message.Specification, message.Batches, message.RegisterVersions);
        }
        catch (Exception e) when (e is InvalidDataException or RegisterFileException)
        {
            // A replay whose batches are gone, or register files the lake's versions refuse: retrying cannot help.
            await outcomes.FailAsync(message.RequestId, e.Message, context, cancellationToken);
            return;
        }

        var tasks = plan.Datasets.Select(dataset => (dataset, (object)new ExtractDataset
        {
            RequestId = message.RequestId,
            PermitId = permit!.Id,
            StudyId = permit.StudyId,
            Dataset = dataset,
            Specification = message.Specification,
            Batches = plan.Batches,
            RegisterVersions = plan.RegisterVersions,
        })).ToList();
        if (!await plans.RecordAsync(message.RequestId, plan.Batches, tasks, cancellationToken))
            return;
        CoordinatorLog.Planned(logger, message.RequestId, tasks.Count);
        if (options.Value.CrashAfterPlanning)
            Process.GetCurrentProcess().Kill(); // SIGKILL, for the fault test: recorded, not yet published.
        outbox.Wake();
    }
}
