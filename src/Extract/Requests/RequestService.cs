using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Extract.Audit;
using Lake.Extract.ControlPlane;
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
}
