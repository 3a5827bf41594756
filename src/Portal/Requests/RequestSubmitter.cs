using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Coordinator.Access;
using Lake.Coordinator.Api;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Requests;
using Lake.Extract.Specifications;
using Lake.Pseudonymization;
using Microsoft.Extensions.Options;

namespace Lake.Portal.Requests;

/// <summary>
/// The data request form's work, done by the coordinator's own parts as <c>POST /requests</c>
/// does it: the access policy decides, the specification is read and validated as the command
/// line reads it (identity-code lists become tokens under the lake's keys), the permit is checked
/// by the same <see cref="PermitCheck"/>, and <see cref="RequestService"/> records and queues it.
/// The requester is always the session's subject.
/// </summary>
public sealed class RequestSubmitter(AccessPolicy policy, PermitStore permits, RequestService requests, CoordinatorWorkspace workspace, AuditLog audit,
    IOptions<TransferOptions> transfers, TimeProvider time)
{
    public IReadOnlyList<TransferTarget> TransferTargets => transfers.Value.TransferTargets;

    /// <summary>May the caller use the form at all: the policy's answer for submitting a request.</summary>
    public Task<PolicyDecision> DecideAsync(Caller caller, CancellationToken cancellationToken) =>
        policy.DecideAsync(caller, LakeAction.SubmitRequest, "the data request form", cancellationToken: cancellationToken);

    /// <summary>The permits that name the caller as a current member and may still be requested under (not revoked, not expired).</summary>
    public async Task<IReadOnlyList<Permit>> PermitsOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return (await permits.ListAsync(cancellationToken))
            .Where(p => p.Members.Contains(caller.Subject, StringComparer.Ordinal) && p.Status != PermitStatus.Revoked && p.Expires >= today)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Reads the specification, and checks it against the permit; submits it when <paramref name="submit"/>
    /// is set and nothing stands against it. A refusal before submission records no request.
    /// </summary>
    /// <param name="transferTo">The secure environment chosen on the transfer form, or null on the plain form.</param>
    public async Task<SubmissionAnswer> HandleAsync(Caller caller, string permitId, string text, string? transferTo, bool submit, CancellationToken cancellationToken)
    {
        var subject = $"a request under permit {permitId}";
        if (submit && await policy.DecideAsync(caller, LakeAction.SubmitRequest, subject, permitId: permitId, cancellationToken: cancellationToken) is { Allowed: false } decision)
            return SubmissionAnswer.Refused(decision.Reason);

        StudySpecification specification;
        try
        {
            specification = SpecificationReader.Parse(text, "the specification", workspace.Keys, workspace.Registers);
        }
        catch (SpecificationException e)
        {
            return SubmissionAnswer.Unusable(e.Message);
        }
        catch (KeyStoreException e)
        {
            // An identity-code list read by a coordinator without register keys: the service's limit, said as such.
            return SubmissionAnswer.Unusable(e.Message);
        }

        if (transferTo is not null && specification.Delivery.TransferTo is { } written && written != transferTo)
            return SubmissionAnswer.Unusable($"the specification names '{written}' under delivery.transfer_to, but '{transferTo}' was chosen on the form; make them agree or leave transfer_to out.");
        if (transferTo is not null)
            specification = specification with { Delivery = specification.Delivery with { TransferTo = transferTo } };

        var refusal = await requests.CheckAsync(specification, permitId, caller.Subject, cancellationToken);
        if (refusal is not null || !submit)
        {
            audit.Append(caller.Subject, "request.check", subject, refusal is null ? "allowed" : "refused", refusal ?? "the permit allows the specification");
            return refusal is null ? SubmissionAnswer.Allowed : SubmissionAnswer.Refused(refusal);
        }

        var outcome = await requests.SubmitAsync(specification, permitId, caller.Subject, cancellationToken);
        // Refused after all (the permit changed in between): the request's page says why.
        return SubmissionAnswer.Submitted(outcome.RequestId);
    }
}
