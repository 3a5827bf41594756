namespace Lake.Coordinator.ControlPlane;

/// <summary>One state change of a request, with when and why.</summary>
public sealed record RequestEvent(DateTimeOffset At, RequestState State, string? Detail);
