using Lake.Contracts.Lake;
using Lake.Coordinator.Audit;
using Lake.Coordinator.Authority;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lake.Coordinator.Identity;

/// <summary>
/// The identity store outside a running coordinator: what `lake users` and `lake services` need
/// (accounts and OpenIddict's application manager) over the same database file.
/// </summary>
public sealed class IdentityStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private IdentityStore(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public AccountService Accounts => _scope.ServiceProvider.GetRequiredService<AccountService>();

    public static async Task<IdentityStore> OpenAsync(string databasePath, IKeyStore keys, AuditLog audit, IdentityOptions options, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        AddTo(services, databasePath, keys);
        services.AddSingleton(options);
        services.AddSingleton(audit);
        services.AddSingleton(TimeProvider.System);
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDatabase>());
        var store = new IdentityStore(services.BuildServiceProvider());
        await EnsureCreatedAsync(store._scope.ServiceProvider.GetRequiredService<IdentityDatabase>(), cancellationToken);
        return store;
    }

    /// <summary>
    /// The store's services: the database context, the accounts and the sealing of second-factor
    /// seeds. The host adds the audit log, <see cref="IdentityOptions"/> and the clock.
    /// </summary>
    public static void AddTo(IServiceCollection services, string databasePath, IKeyStore keys)
    {
        SqliteDatabaseFiles.Prepare(databasePath);
        services.AddDbContext<IdentityDatabase>(database => IdentityDatabase.Configure(database, databasePath));
        services.AddSingleton(new SecretBox(keys));
        services.AddScoped<AccountService>();
    }

    internal static async Task EnsureCreatedAsync(IdentityDatabase database, CancellationToken cancellationToken)
    {
        var path = database.Database.GetDbConnection().DataSource;
        await database.Database.EnsureCreatedAsync(cancellationToken);
        // Password hashes and sealed seeds: owner-only, whatever the umask was.
        if (File.Exists(path))
            OwnerOnly.Restrict(path);
    }

    /// <summary>
    /// Registers a service (a worker, a dashboard, a script) as a confidential client for the
    /// client-credentials flow, with a service account holding its roles. The secret is returned
    /// once and stored only as OpenIddict's hash.
    /// </summary>
    public async Task<string> AddServiceClientAsync(string actor, string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var applications = _scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(name, cancellationToken) is not null)
            throw new ArgumentException($"A client '{name}' exists already.");
        await Accounts.AddServiceAsync(actor, name, roles, cancellationToken);
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = name,
            ClientSecret = secret,
            DisplayName = name,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + LakeClients.ApiScope },
        }, cancellationToken);
        return secret;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
