using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Permits;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Pseudonymization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Cli;

/// <summary>
/// One data folder of Lake and what lives in it: the lake itself, the control-plane database,
/// the delivery area and synthetic feeds. Keys are not here: the key ring lives outside the data
/// folder (see <see cref="KeyRingLocation"/>), or in an HSM token (<c>Keys:Store=pkcs11</c>), so copying a
/// data folder never copies its keys.
/// Who may open its deliveries is the operating system's business, from the <c>Accounts</c> settings.
/// </summary>
public sealed class Workspace
{
    private readonly Lazy<IKeyStore> _keys;
    private readonly Lazy<ControlPlaneDataSource> _controlPlane;
    private readonly Lazy<RegisterCatalog> _registers;
    private readonly Lazy<AuditOptions> _audit;

    /// <param name="accounts">The <c>Accounts</c> settings; without them, those of the configuration (<see cref="Configuration"/>).</param>
    /// <param name="keys">The <c>Keys</c> settings; without them, those of the configuration.</param>
    /// <exception cref="ArgumentException">The accounts map is not valid (<see cref="OperatingSystemAccounts"/>).</exception>
    public Workspace(string dataFolder, string? keyRingPath = null, AccountsOptions? accounts = null, KeyStoreOptions? keys = null)
    {
        DataFolder = Path.GetFullPath(dataFolder);
        Layout = new LakeLayout(Path.Combine(DataFolder, "lake"));
        Configuration = LakeConfiguration.Build(DataFolder);
        _audit = new(() => Configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions());
        keys ??= LakeConfiguration.Keys(Configuration);
        _keys = new Lazy<IKeyStore>(() => OpenKeys(keys, KeyRingLocation.Resolve(keyRingPath)));
        _controlPlane = new Lazy<ControlPlaneDataSource>(() => new ControlPlaneDataSource(ControlPlanePath));
        _registers = new Lazy<RegisterCatalog>(() => RegisterCatalog.Load(new[] { RegistersFolder }.Where(Directory.Exists).Concat(RegisterFolders)));
        accounts ??= LakeConfiguration.Accounts(Configuration);
        Accounts = OperatingSystemAccounts.From(accounts);
        Deliveries = new DeliveryArea(DataFolder, Accounts, accounts.Setfacl);
    }

    public string DataFolder { get; }

    /// <summary>Lake's configuration as this data folder sees it: the installation's settings, the folder's own, the environment (<see cref="LakeConfiguration"/>).</summary>
    public IConfiguration Configuration { get; }

    public LakeLayout Layout { get; }

    public string ControlPlanePath => Path.Combine(DataFolder, "control", "lake.db");

    /// <summary>Lake's accounts and the embedded authority's clients and tokens.</summary>
    public string IdentityDatabasePath => Path.Combine(DataFolder, "control", Coordinator.Identity.IdentityDatabase.FileName);

    public string DeliveryRoot => Deliveries.Root;

    /// <summary>Lake users and their operating-system accounts on this host.</summary>
    public OperatingSystemAccounts Accounts { get; }

    public DeliveryArea Deliveries { get; }

    public string FeedsFolder => Path.Combine(DataFolder, "feeds");

    /// <summary>The lake's own register files: registers added, or shipped ones evolved, by this lake's data engineers.</summary>
    public string RegistersFolder => Path.Combine(DataFolder, "registers");

    /// <summary>Further folders of register files (<c>--registers</c>), read after <see cref="RegistersFolder"/>.</summary>
    public IReadOnlyList<string> RegisterFolders { get; init; } = [];

    /// <summary>The shipped registers and those of the register folders, read once per command.</summary>
    /// <exception cref="RegisterFileException">A register file has problems or goes back behind a shipped version.</exception>
    public RegisterCatalog Registers => _registers.Value;

    /// <summary>The keys, opened on first use: the key ring file or the HSM token, as <c>Keys:Store</c> says.</summary>
    /// <exception cref="KeyStoreException">The store cannot be opened as configured.</exception>
    public IKeyStore Keys => _keys.Value;

    /// <summary>The key ring file itself, for what needs the file (backups, tests); only when the keys are in one.</summary>
    public KeyRing KeyRing => Keys as KeyRing
        ?? throw new KeyStoreException($"The keys are in an HSM token ({Keys}), not in a key ring file (Keys:Store is pkcs11).");

    public Pseudonymizer CreatePseudonymizer() => new(Keys);

    /// <summary>The key store; a key ring file this account cannot read, or cannot use, is named with the settings that chose it.</summary>
    private IKeyStore OpenKeys(KeyStoreOptions options, string keyRingPath)
    {
        const string Chosen = "the key ring file is chosen by --keyring or LAKE_KEYRING";
        try
        {
            return KeyStores.Open(options, keyRingPath, LakeConfiguration.IsProduction, Time);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"{e.Message.TrimEnd('.')} ({Chosen}; it must be owned by the account running Lake, {Environment.UserName}, and mode 600).", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message.TrimEnd('.')} ({Chosen}).", e);
        }
    }

    /// <summary>The control-plane database, its schema created on first use and once per command.</summary>
    public ControlPlaneDataSource ControlPlane => _controlPlane.Value;

    /// <summary>The clock of every store, log and lifecycle this workspace opens: the command's composition root chooses it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public PermitStore OpenPermits() => new(ControlPlane, Time);

    public RequestStore OpenRequests() => new(ControlPlane, Time);

    /// <summary>The access policy over this workspace's permits, auditing every decision.</summary>
    public Coordinator.Access.AccessPolicy CreateAccessPolicy() => new(OpenPermits(), OpenAuditLog());

    /// <summary>The audit log, sealed with the keys (key ring or token) and checkpointed where the <c>Audit</c> settings say.</summary>
    /// <param name="logger">Where checkpoint publishing failures go; warnings on stderr when none is given.</param>
    public AuditLog OpenAuditLog(Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(ControlPlane, Keys, _audit.Value, Time, logger ?? StandardErrorLogger.Instance);

    public Coordinator.Preliminary.DifferencingLedger OpenDifferencingLedger() => new(ControlPlane, Time);

    public Coordinator.Permits.PermitLifecycle CreatePermitLifecycle() => new(OpenPermits(), OpenAuditLog(), Keys, Deliveries, Time);

    public Task<Coordinator.Identity.IdentityStore> OpenIdentityStoreAsync(CancellationToken cancellationToken) =>
        Coordinator.Identity.IdentityStore.OpenAsync(IdentityDatabasePath, Keys, OpenAuditLog(), IdentityOptionsFromConfiguration(), cancellationToken);

    private Coordinator.Identity.IdentityOptions IdentityOptionsFromConfiguration() =>
        Configuration.GetSection(Coordinator.Identity.IdentityOptions.SectionName).Get<Coordinator.Identity.IdentityOptions>() ?? new Coordinator.Identity.IdentityOptions();

    /// <summary>
    /// The extraction's pieces over this workspace: the planner, the dataset task, the assembler (one,
    /// so that the task writes where the assembler looks) and the preliminary counter.
    /// </summary>
    public void AddExtractionServices(IServiceCollection services)
    {
        var omop = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<Extract.Omop.OmopOptions>(LakeConfiguration.Build().GetSection(Extract.Omop.OmopOptions.SectionName));
        var assembler = new DeliveryAssembler(Deliveries, Layout, Registers, TimeProvider.System, omop);
        services.AddSingleton(Registers);
        services.AddSingleton(new ExtractionPlanner(Layout, Registers));
        services.AddSingleton(assembler);
        services.AddSingleton(new DatasetTask(Layout, Registers, assembler, CreatePseudonymizer()));
        services.AddSingleton(new Extract.Preliminary.LakePreliminaryCounter(Layout, Registers, CreatePseudonymizer()));
    }
}
