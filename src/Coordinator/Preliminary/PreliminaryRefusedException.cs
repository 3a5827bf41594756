namespace Lake.Coordinator.Preliminary;

/// <summary>A preliminary study that is not answered, with the reason for the researcher.</summary>
public sealed class PreliminaryRefusedException(string message) : Exception(message);
