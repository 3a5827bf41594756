namespace Lake.Coordinator.ControlPlane;

/// <summary>What recording a task's completion meant for its request.</summary>
public enum TaskCompletion
{
    /// <summary>The task was recorded as done before, or the request is not extracting any more: nothing changes.</summary>
    AlreadyRecorded,

    /// <summary>Recorded; other tasks of the request are still out.</summary>
    Recorded,

    /// <summary>Recorded, and it was the last: the request is now <see cref="RequestState.Assembling"/>, claimed by this caller.</summary>
    LastOfRequest,
}
