namespace Lake.Coordinator.Access;

/// <summary>What a caller may ask of Lake; the policy decides each against role and permit.</summary>
public enum LakeAction
{
    PreliminaryStudy,
    CostEstimate,
    SubmitRequest,
    ViewRequest,
    ListRequests,
    /// <summary>The queue of every request, whoever made it: data-service staff's view of the work.</summary>
    ViewQueue,
    ManagePermits,
    ViewPermits,
    ManageAccounts,
    RunIngest,
    ViewOperations,
    ReadAudit,
}
