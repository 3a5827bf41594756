using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Lake.Coordinator.Access;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;

namespace Lake.Portal.Requests;

/// <summary>
/// Loads what a person may see of requests, for the pages and for the fragments their script
/// fetches: one access decision per look (the policy's, audited), so a fragment is no way around a page.
/// </summary>
public sealed class RequestViews(AccessPolicy policy, RequestStore requests, ExtractionPlanStore plans)
{
    /// <summary>
    /// The request with id <paramref name="id"/> as the caller may see it, or null: not an id, no
    /// such request and not theirs are one answer, so ids cannot be probed.
    /// </summary>
    public async Task<RequestView?> FindAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        // The policy records each look in the audit log, never the text typed in place of an id.
        var known = Guid.TryParse(id, out var requestId);
        var record = known ? await requests.FindAsync(requestId, cancellationToken) : null;
        if (!(await policy.DecideAsync(caller, LakeAction.ViewRequest, known ? $"request {requestId}" : "a request (not an id)", record, cancellationToken: cancellationToken)).Allowed)
            return null;

        var progress = record!.State == RequestState.Extracting ? await plans.ProgressAsync(record.Id, cancellationToken) : null;
        DeliveryManifest? manifest = null;
        string? readme = null;
        if (record.State == RequestState.Delivered && record.DeliveryFolder is { } folder)
        {
            manifest = DeliveryManifestFile.TryRead(folder);
            readme = manifest is null ? null : ReadmeOf(folder);
        }

        var transferTo = JsonSerializer.Deserialize<StudySpecification>(record.SpecificationJson, LakeJson.Options)?.Delivery.TransferTo;
        return new RequestView(record, transferTo, progress, manifest, readme);
    }

    /// <summary>The caller's own research work (see <see cref="AccessPolicy.MineAsync"/>), newest first; null with the policy's reason when the list is not theirs to see.</summary>
    public async Task<(IReadOnlyList<RequestRecord>? Requests, string? Refusal)> MineAsync(Caller caller, CancellationToken cancellationToken)
    {
        var decision = await policy.DecideAsync(caller, LakeAction.ListRequests, "requests", cancellationToken: cancellationToken);
        if (!decision.Allowed)
            return (null, decision.Reason);
        var mine = await policy.MineAsync(caller, await requests.ListAsync(cancellationToken), cancellationToken);
        return (mine.OrderByDescending(r => r.CreatedAt).ToList(), null);
    }

    /// <summary>The README, or null when it is missing or not one the assembler could have written.</summary>
    private static string? ReadmeOf(string folder)
    {
        try
        {
            return DeliveryReadme.TryRead(folder);
        }
        catch (RefusedPathException)
        {
            return null;
        }
    }
}
