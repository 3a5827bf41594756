namespace Lake.Coordinator.ControlPlane;

/// <summary>A request that has not moved on since <see cref="Since"/>: its messages may have been lost, or its coordinator stopped mid-way.</summary>
public sealed record StalledRequest(Guid RequestId, RequestState State, DateTimeOffset Since);
