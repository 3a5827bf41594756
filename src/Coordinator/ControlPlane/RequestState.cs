namespace Lake.Coordinator.ControlPlane;

/// <summary>Where a data request stands. Refused and Failed carry a reason; Delivered a folder.</summary>
public enum RequestState
{
    Submitted,
    Refused,
    /// <summary>The permit allows it (the "validated" state); the coordinator is about to plan its tasks.</summary>
    Accepted,

    /// <summary>Its tasks are out: workers write its datasets.</summary>
    Extracting,

    /// <summary>Every task is done; the coordinator writes the manifest and publishes the folder.</summary>
    Assembling,

    Delivered,
    Failed,
}
