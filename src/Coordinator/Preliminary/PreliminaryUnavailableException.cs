namespace Lake.Coordinator.Preliminary;

/// <summary>A preliminary study that could not be counted now (no worker answered, or the worker failed): the service's fault, not a refusal.</summary>
public sealed class PreliminaryUnavailableException(string message) : Exception(message);
