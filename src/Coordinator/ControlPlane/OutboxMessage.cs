namespace Lake.Coordinator.ControlPlane;

/// <summary>A message recorded with the state change it follows from, waiting to be published.</summary>
public sealed record OutboxMessage(long Sequence, Guid RequestId, string MessageType, string Body, string? TraceParent);
