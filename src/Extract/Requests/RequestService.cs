using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Extract.Audit;
using Lake.Extract.ControlPlane;
using Lake.Extract.Delivery;
using MassTransit;

namespace Lake.Extract.Requests;

/// <summary>
/// Takes a researcher's data request: records it, checks the permit, and either refuses it with
/// the reason or puts a <see cref="StartExtraction"/> on the bus. Both outcomes are kept in the store.
/// </summary>
public sealed class RequestService(ControlPlaneStore store, AuditLog audit, IPublishEndpoint bus)
{
    public async Task<SubmitOutcome> SubmitAsync(StudySpecification specification, string permitId, string user, CancellationToken cancellationToken)
    {
        var id = NewId.NextGuid();
        store.CreateRequest(id, permitId, user, JsonSerializer.Serialize(specification, LakeJson.Options));
        var permit = store.FindPermit(permitId);
        var refusal = PermitCheck.RefusalReason(permit, permitId, user, specification, DateOnly.FromDateTime(store.Now.UtcDateTime));
        if (refusal is not null)
        {
            store.SetState(id, RequestState.Refused, refusal);
            audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "refused", refusal);
            return new SubmitOutcome(id, refusal);
        }

        store.SetState(id, RequestState.Accepted, $"permit {permit!.Id}");
        audit.Append(user, "request.submit", $"request {id} under permit {permitId}", "accepted", $"registers {string.Join(", ", specification.Datasets.Select(d => d.Register))}");
        await bus.Publish(new StartExtraction { RequestId = id, PermitId = permit.Id, StudyId = permit.StudyId, Specification = specification }, cancellationToken);
        return new SubmitOutcome(id, null);
    }

    /// <summary>
    /// Runs a delivered request again over the same ingest batches, under the permit as it stands
    /// now, into a new delivery: its data files are identical to the original's.
    /// </summary>
    public async Task<SubmitOutcome> ReplayAsync(Guid originalId, string user, CancellationToken cancellationToken)
    {
        var original = store.FindRequest(originalId) ?? throw new KeyNotFoundException($"No request {originalId}.");
        if (original.State != RequestState.Delivered || original.DeliveryFolder is null)
            throw new InvalidOperationException($"Request {originalId} is {original.State}; only delivered requests can be replayed.");
        var manifestPath = Path.Combine(original.DeliveryFolder, "manifest.json");
        if (!File.Exists(manifestPath))
            throw new InvalidOperationException($"The delivery of request {originalId} is gone (permit expired or revoked?); it cannot be replayed.");
        var manifest = JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(manifestPath), LakeJson.Options)!;

        var id = NewId.NextGuid();
        store.CreateRequest(id, manifest.PermitId, user, JsonSerializer.Serialize(manifest.Specification, LakeJson.Options));
        var permit = store.FindPermit(manifest.PermitId);
        var refusal = PermitCheck.RefusalReason(permit, manifest.PermitId, user, manifest.Specification, DateOnly.FromDateTime(store.Now.UtcDateTime));
        if (refusal is not null)
        {
            store.SetState(id, RequestState.Refused, refusal);
            audit.Append(user, "request.replay", $"request {id} replaying {originalId}", "refused", refusal);
            return new SubmitOutcome(id, refusal);
        }

        store.SetState(id, RequestState.Accepted, $"replay of {originalId}");
        audit.Append(user, "request.replay", $"request {id} replaying {originalId}", "accepted", $"batches {string.Join(", ", manifest.BatchesRead)}");
        await bus.Publish(new StartExtraction
        {
            RequestId = id,
            PermitId = permit!.Id,
            StudyId = permit.StudyId,
            Specification = manifest.Specification,
            Batches = manifest.BatchesRead,
            ReplayOf = originalId,
        }, cancellationToken);
        return new SubmitOutcome(id, null);
    }
}
