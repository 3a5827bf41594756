namespace Lake.Coordinator.ControlPlane;

/// <summary>One version of a permit as its history lists it: its number, when it was made and what changed.</summary>
public sealed record PermitVersion(int Version, DateTimeOffset At, string Change);
