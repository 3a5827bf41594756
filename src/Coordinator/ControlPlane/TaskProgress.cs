namespace Lake.Coordinator.ControlPlane;

/// <summary>How far an extraction is: its tasks done, of how many its plan has.</summary>
public sealed record TaskProgress(int Done, int Total);
