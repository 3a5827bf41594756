namespace Lake.Coordinator.Access;

/// <summary>What a caller may ask of Lake; the policy decides each against role and permit.</summary>
public enum LakeAction
{
    PreliminaryStudy,
    CostEstimate,
    SubmitRequest,
    ViewRequest,
    ListRequests,
    ManagePermits,
    ViewPermits,
    ManageAccounts,
    RunIngest,
    ViewOperations,
    ReadAudit,
}
