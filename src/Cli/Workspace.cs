using Lake.Contracts.Lake;
using Lake.Extract.Audit;
using Lake.Extract.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Pseudonymization;

namespace Lake.Cli;

/// <summary>
/// One data folder of Lake and what lives in it: the lake itself, the control-plane database,
/// the delivery area and synthetic feeds. Keys are not here: the key ring lives outside the data
/// folder (see <see cref="KeyRingLocation"/>), so copying a data folder never copies its keys.
/// </summary>
public sealed class Workspace
{
    private readonly Lazy<KeyRing> _keyRing;

    public Workspace(string dataFolder, string? keyRingPath = null)
    {
        DataFolder = Path.GetFullPath(dataFolder);
        Layout = new LakeLayout(Path.Combine(DataFolder, "lake"));
        _keyRing = new Lazy<KeyRing>(() => KeyRing.OpenOrCreate(KeyRingLocation.Resolve(keyRingPath)));
    }

    public string DataFolder { get; }

    public LakeLayout Layout { get; }

    public string ControlPlanePath => Path.Combine(DataFolder, "control", "lake.db");

    /// <summary>Lake's accounts and the embedded authority's clients and tokens.</summary>
    public string IdentityDatabasePath => Path.Combine(DataFolder, "control", Coordinator.Identity.IdentityDatabase.FileName);

    public string DeliveryRoot => Path.Combine(DataFolder, "delivery");

    public string FeedsFolder => Path.Combine(DataFolder, "feeds");

    public KeyRing KeyRing => _keyRing.Value;

    public Pseudonymizer CreatePseudonymizer() => new(KeyRing);

    public ControlPlaneStore OpenControlPlane() => new(ControlPlanePath);

    public AuditLog OpenAuditLog() => new(ControlPlanePath);

    public Extract.Preliminary.DifferencingLedger OpenDifferencingLedger() => new(ControlPlanePath);

    public Extract.Permits.PermitLifecycle CreatePermitLifecycle() => new(OpenControlPlane(), OpenAuditLog(), KeyRing, DeliveryRoot);

    public Task<Coordinator.Identity.IdentityStore> OpenIdentityStoreAsync(CancellationToken cancellationToken) =>
        Coordinator.Identity.IdentityStore.OpenAsync(IdentityDatabasePath, KeyRing, OpenAuditLog(), IdentityOptionsFromConfiguration(), cancellationToken);

    private static Coordinator.Identity.IdentityOptions IdentityOptionsFromConfiguration() =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<Coordinator.Identity.IdentityOptions>(
            LakeConfiguration.Build().GetSection(Coordinator.Identity.IdentityOptions.SectionName)) ?? new Coordinator.Identity.IdentityOptions();

    public ExtractionRunner CreateExtractionRunner() => new(Layout, DeliveryRoot, CreatePseudonymizer(), TimeProvider.System);
}
