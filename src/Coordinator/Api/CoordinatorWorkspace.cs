using Lake.Contracts.Lake;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Api;

/// <summary>The lake the coordinator answers for: where its partitions and control plane are, and its key ring.</summary>
public sealed record CoordinatorWorkspace(LakeLayout Layout, string ControlPlanePath, KeyRing KeyRing);
