namespace Lake.Coordinator.ControlPlane;

/// <summary>A data request as the control plane keeps it, with its history of states.</summary>
public sealed record RequestRecord
{
    public required Guid Id { get; init; }

    public required string? PermitId { get; init; }

    public required string RequestedBy { get; init; }

    public required string SpecificationJson { get; init; }

    public required RequestState State { get; init; }

    public string? Reason { get; init; }

    public string? DeliveryFolder { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<RequestEvent> History { get; init; } = [];
}
