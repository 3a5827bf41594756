using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Extract.Delivery;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Requests;

/// <summary>
/// Takes a researcher's data request: records it, checks the permit, and either refuses it with
/// the reason or queues a <see cref="StartExtraction"/> in the outbox, in the same transaction as
/// the acceptance, for the dispatcher to publish. Both outcomes are kept in the store.
/// </summary>
public sealed class RequestService(RequestStore requests, PermitStore permits, AuditLog audit, OutboxDispatcher outbox, RegisterCatalog registers, TimeProvider time,
    IOptions<TransferOptions> transfers)
{
    /// <summary>
    /// The refusal <see cref="SubmitAsync"/> would give, without recording anything: the same
    /// <see cref="PermitCheck"/> with this coordinator's transfer targets, for a form to show first.
    /// </summary>
    public async Task<string?> CheckAsync(StudySpecification specification, string permitId, string user, CancellationToken cancellationToken) =>
        PermitCheck.RefusalReason(await permits.FindAsync(permitId, cancellationToken), permitId, user, specification, Today, registers, transfers.Value);

    public async Task<SubmitOutcome> SubmitAsync(StudySpecification specification, string permitId, string user, CancellationToken cancellationToken)
    {
        var id = NewId.NextGuid();
        await requests.CreateAsync(id, permitId, user, JsonSerializer.Serialize(specification, LakeJson.Options), cancellationToken);
        var permit = await permits.FindAsync(permitId, cancellationToken);
        var refusal = PermitCheck.RefusalReason(permit, permitId, user, specification, Today, registers, transfers.Value);
        if (refusal is not null)
        {
            await requests.SetStateAsync(id, RequestState.Refused, refusal, cancellationToken);
            audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "refused", refusal);
            return new SubmitOutcome(id, refusal);
        }

        var start = new StartExtraction { RequestId = id, PermitId = permit!.Id, StudyId = permit.StudyId, Specification = specification };
        await requests.SetStateAsync(id, RequestState.Accepted, $"permit {permit.Id}", [start], cancellationToken);
        audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "accepted",
            $"registers {string.Join(", ", specification.Datasets.Select(d => d.Register))}" + (specification.Delivery.TransferTo is { } target ? $"; transfer to {target}" : ""));
        outbox.Wake();
        return new SubmitOutcome(id, null);
    }

    /// <summary>
    /// Runs a delivered request again over the same ingest batches, under the permit as it stands
    /// now, into a new delivery: its data files are identical to the original's.
    /// </summary>
    public async Task<SubmitOutcome> ReplayAsync(Guid originalId, string user, CancellationToken cancellationToken)
    {
        var original = await requests.FindAsync(originalId, cancellationToken) ?? throw new KeyNotFoundException($"No request {originalId}.");
        if (original.State != RequestState.Delivered || original.DeliveryFolder is null)
            throw new InvalidOperationException($"Request {originalId} is {original.State}; only delivered requests can be replayed.");
        var manifest = DeliveryManifestFile.TryRead(original.DeliveryFolder)
            ?? throw new InvalidOperationException($"The delivery of request {originalId} is gone (permit expired or revoked?); it cannot be replayed.");

        var id = NewId.NextGuid();
        await requests.CreateAsync(id, manifest.PermitId, user, JsonSerializer.Serialize(manifest.Specification, LakeJson.Options), cancellationToken);
        var permit = await permits.FindAsync(manifest.PermitId, cancellationToken);
        var refusal = PermitCheck.RefusalReason(permit, manifest.PermitId, user, manifest.Specification, Today, registers, transfers.Value);
        if (refusal is not null)
        {
            await requests.SetStateAsync(id, RequestState.Refused, refusal, cancellationToken);
            audit.Append(user, "request.replay", $"request {id} replaying {originalId}", "refused", refusal);
            return new SubmitOutcome(id, refusal);
        }

        var start = new StartExtraction
        {
            RequestId = id,
            PermitId = permit!.Id,
            StudyId = permit.StudyId,
            Specification = manifest.Specification,
            Batches = manifest.BatchesRead,
            RegisterVersions = manifest.RegisterVersions(),
            ReplayOf = originalId,
        };
        await requests.SetStateAsync(id, RequestState.Accepted, $"replay of {originalId}", [start], cancellationToken);
        audit.Append(user, "request.replay", $"request {id} replaying {originalId}", "accepted", $"batches {string.Join(", ", manifest.BatchesRead)}");
        outbox.Wake();
        return new SubmitOutcome(id, null);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
