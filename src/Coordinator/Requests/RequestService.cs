using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Extract.Delivery;
using MassTransit;

namespace Lake.Coordinator.Requests;

/// <summary>
/// Takes a researcher's data request: records it, checks the permit, and either refuses it with
/// the reason or queues a <see cref="StartExtraction"/> in the outbox, in the same transaction as
/// the acceptance, for the dispatcher to publish. Both outcomes are kept in the store.
/// </summary>
public sealed class RequestService(ControlPlaneStore store, AuditLog audit, OutboxDispatcher outbox, RegisterCatalog registers)
{
    public SubmitOutcome Submit(StudySpecification specification, string permitId, string user)
    {
        var id = NewId.NextGuid();
        store.CreateRequest(id, permitId, user, JsonSerializer.Serialize(specification, LakeJson.Options));
        var permit = store.FindPermit(permitId);
        var refusal = PermitCheck.RefusalReason(permit, permitId, user, specification, DateOnly.FromDateTime(store.Now.UtcDateTime), registers);
        if (refusal is not null)
        {
            store.SetState(id, RequestState.Refused, refusal);
            audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "refused", refusal);
            return new SubmitOutcome(id, refusal);
        }

        var start = new StartExtraction { RequestId = id, PermitId = permit!.Id, StudyId = permit.StudyId, Specification = specification };
        store.SetState(id, RequestState.Accepted, $"permit {permit.Id}", null, [start]);
        audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "accepted", $"registers {string.Join(", ", specification.Datasets.Select(d => d.Register))}");
        outbox.Wake();
        return new SubmitOutcome(id, null);
    }

    /// <summary>
    /// Runs a delivered request again over the same ingest batches, under the permit as it stands
    /// now, into a new delivery: its data files are identical to the original's.
    /// </summary>
    public SubmitOutcome Replay(Guid originalId, string user)
    {
        var original = store.FindRequest(originalId) ?? throw new KeyNotFoundException($"No request {originalId}.");
        if (original.State != RequestState.Delivered || original.DeliveryFolder is null)
            throw new InvalidOperationException($"Request {originalId} is {original.State}; only delivered requests can be replayed.");
        var manifest = DeliveryManifestFile.TryRead(original.DeliveryFolder)
            ?? throw new InvalidOperationException($"The delivery of request {originalId} is gone (permit expired or revoked?); it cannot be replayed.");

        var id = NewId.NextGuid();
        store.CreateRequest(id, manifest.PermitId, user, JsonSerializer.Serialize(manifest.Specification, LakeJson.Options));
        var permit = store.FindPermit(manifest.PermitId);
        var refusal = PermitCheck.RefusalReason(permit, manifest.PermitId, user, manifest.Specification, DateOnly.FromDateTime(store.Now.UtcDateTime), registers);
        if (refusal is not null)
        {
            store.SetState(id, RequestState.Refused, refusal);
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
        store.SetState(id, RequestState.Accepted, $"replay of {originalId}", null, [start]);
        audit.Append(user, "request.replay", $"request {id} replaying {originalId}", "accepted", $"batches {string.Join(", ", manifest.BatchesRead)}");
        outbox.Wake();
        return new SubmitOutcome(id, null);
    }
}
