using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;

namespace Lake.Portal.Requests;

/// <summary>What a request's page shows: the request, how far its extraction is, and once delivered its manifest and README.</summary>
/// <param name="TransferTo">The secure environment the request's delivery is bound for, or null for Lake's delivery area.</param>
public sealed record RequestView(RequestRecord Request, string? TransferTo, TaskProgress? Progress, DeliveryManifest? Manifest, string? Readme)
{
    /// <summary>Whether the request will still move: while it does, its page follows it.</summary>
    public bool Open => IsOpen(Request.State);

    public static bool IsOpen(RequestState state) => state is RequestState.Submitted or RequestState.Accepted or RequestState.Extracting or RequestState.Assembling;
}
