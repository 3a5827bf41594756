using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// How an extraction ends on the coordinator: delivered (assembled, recorded, audited, announced)
/// or failed with a reason. Each happens once per request, whichever message or sweep gets there first.
/// </summary>
public sealed class ExtractionOutcomes(RequestStore requests, PermitStore permits, ExtractionPlanStore plans, AuditLog audit, DeliveryAssembler assembler, LakeMetrics metrics,
    TimeProvider time, ILogger<ExtractionOutcomes> logger)
{
    /// <summary>The OMOP settings deliveries are assembled with, for the check when an extraction is planned.</summary>
    public Extract.Omop.OmopOptions? OmopOptions => assembler.OmopOptions;

    public async Task DeliverAsync(Guid requestId, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(requestId, cancellationToken) ?? throw new InvalidOperationException($"Request {requestId} is not recorded.");
        var permit = await permits.FindAsync(request.PermitId!, cancellationToken) ?? throw new InvalidOperationException($"Permit {request.PermitId} of request {requestId} is not recorded.");
        var specification = JsonSerializer.Deserialize<StudySpecification>(request.SpecificationJson, LakeJson.Options)!;
        var files = (await plans.CompletedTaskFilesAsync(requestId, cancellationToken)).SelectMany(json => JsonSerializer.Deserialize<List<DeliveredFile>>(json, LakeJson.Options)!).ToList();
        var batches = await plans.BatchesAsync(requestId, cancellationToken) ?? throw new InvalidOperationException($"Request {requestId} has no plan.");

        DeliveryManifest manifest;
        try
        {
            manifest = assembler.Assemble(requestId, permit, request.RequestedBy, specification, batches, files);
        }
        catch (Exception e) when (e is DeliveryAccessException or Contracts.Files.RefusedPathException or Extract.Omop.OmopVocabularyException)
        {
            // Retrying does not install a package, remount a file system or remove a planted link: the request fails with the fix.
            await FailAsync(requestId, e.Message, bus, cancellationToken);
            return;
        }

        var folder = assembler.DeliveryFolder(permit.StudyId, requestId);
        var warning = manifest.MembersWithoutAccount is { } missing
            ? $"no operating-system account configured for {string.Join(", ", missing)} ({OperatingSystemAccounts.Setting}); they cannot open the delivery"
            : null;
        if (!await requests.FinishIfActiveAsync(requestId, RequestState.Delivered, $"{manifest.Files.Count} files{(warning is null ? "" : "; warning: " + warning)}", folder, cancellationToken))
            return;
        audit.Append(request.RequestedBy, "request.extract", Subject(request), "delivered",
            $"cohort {manifest.CohortSize}; {manifest.Files.Count} files to {folder}; access: {string.Join(", ", manifest.AccessList)}{(warning is null ? "" : "; " + warning)}");
        CoordinatorLog.Delivered(logger, requestId, manifest.Files.Count);
        if (warning is not null)
            CoordinatorLog.MembersWithoutAccount(logger, requestId, string.Join(", ", manifest.MembersWithoutAccount!));
        metrics.RequestFinished(Outcomes.Delivered, time.GetUtcNow() - request.CreatedAt);
        await bus.Publish(new ExtractionDelivered
        {
            RequestId = requestId,
            DeliveryFolder = folder,
            Files = manifest.Files.Count,
            Rows = manifest.Files.Where(f => f.Name.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Rows),
        }, cancellationToken);
    }

    /// <summary>Fails a request on its way; a request that has ended already keeps its outcome.</summary>
    public async Task FailAsync(Guid requestId, string reason, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null || !await requests.FinishIfActiveAsync(requestId, RequestState.Failed, reason, deliveryFolder: null, cancellationToken))
            return;
        audit.Append(request.RequestedBy, "request.extract", Subject(request), "failed", reason);
        metrics.RequestFinished(Outcomes.Failed, time.GetUtcNow() - request.CreatedAt);
        await RemoveLeftoversAsync(requestId, cancellationToken);
        await bus.Publish(new ExtractionFailed { RequestId = requestId, Reason = reason }, cancellationToken);
    }

    /// <summary>
    /// Removes the unfinished folder of a request that has ended: a copy of a task that ran after
    /// the delivery was published, or the files of a failed one.
    /// </summary>
    public async Task RemoveLeftoversAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request?.State is not (RequestState.Delivered or RequestState.Failed) || request.PermitId is null)
            return;
        var permit = await permits.FindAsync(request.PermitId, cancellationToken);
        var partial = permit is null ? null : assembler.PartialFolder(permit.StudyId, requestId);
        if (partial is not null && Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
    }

    public static string Subject(RequestRecord request) => $"request {request.Id} under permit {request.PermitId}";
}
