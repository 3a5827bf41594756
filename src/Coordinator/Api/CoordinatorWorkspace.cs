using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Api;

/// <summary>The lake the coordinator answers for: where its partitions and control plane are, its keys (key ring or token) and its registers.</summary>
public sealed record CoordinatorWorkspace(LakeLayout Layout, string ControlPlanePath, IKeyStore Keys, RegisterCatalog Registers);
