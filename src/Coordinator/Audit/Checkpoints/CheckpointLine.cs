namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>One line of the checkpoint file, numbered from 1; <see cref="Head"/> is null when the line is not a checkpoint.</summary>
public sealed record CheckpointLine(long Number, SignedTreeHead? Head);
