using System.Net.Http.Headers;
using Lake.Coordinator.Permits;
using Lake.Cli;
using Lake.Cli.Serving;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Lake.Coordinator.Tests;

/// <summary>
/// The coordinator exactly as `lake serve` builds it (<see cref="CoordinatorHost"/>), on a free
/// loopback port, over a fresh data folder and a key ring in a folder of its own. Accounts,
/// service clients and permits are made through the same stores the `lake` commands use.
/// </summary>
internal sealed class CoordinatorServer : IAsyncDisposable
{
    /// <summary>Every test person's password: long enough for the default minimum length.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>Who records accounts and permits in the audit log.</summary>
    private const string Registrar = "registrar";

    private readonly TempDirectory _data = new("lake-coordinator-data");
    private readonly TempDirectory _keys = new("lake-coordinator-keys");
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;

    public CoordinatorServer(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Workspace = new Workspace(_data.Path, _keys.File("keyring.json"));
        _settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:PortalRedirectUris:0"] = PortalRedirectUri,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }

    public Workspace Workspace { get; }

    public Uri BaseAddress { get; }

    /// <summary>The portal's redirect URI, registered for the portal client by configuration.</summary>
    public string PortalRedirectUri => new Uri(BaseAddress, "signin-oidc").ToString();

    /// <summary>A client without cookies, as the command line calls the API.</summary>
    public HttpClient Api { get; }

    public async Task StartAsync()
    {
        _app = await CoordinatorHost.BuildAsync(Workspace, BaseAddress.ToString().TrimEnd('/'), configuration => configuration.AddInMemoryCollection(_settings));
        await _app.StartAsync();
    }

    public Browser CreateBrowser() => new(BaseAddress);

    /// <summary>A person with a password and an enrolled TOTP second factor.</summary>
    public async Task<TestAccount> AddPersonAsync(string userName, params string[] roles)
    {
        await using var store = await OpenIdentityStoreAsync();
        await store.Accounts.AddPersonAsync(Registrar, userName, userName, roles, Password, CancellationToken.None);
        var enrollment = await store.Accounts.EnrollTotpAsync(Registrar, userName, CancellationToken.None);
        return new TestAccount(userName, Password, enrollment.Base32Secret);
    }

    /// <summary>A person with a password only.</summary>
    public async Task<TestAccount> AddPersonWithoutSecondFactorAsync(string userName, params string[] roles)
    {
        await using var store = await OpenIdentityStoreAsync();
        await store.Accounts.AddPersonAsync(Registrar, userName, userName, roles, Password, CancellationToken.None);
        return new TestAccount(userName, Password, null);
    }

    /// <summary>A confidential client for the client-credentials flow; returns its secret.</summary>
    public async Task<string> AddServiceClientAsync(string name, params string[] roles)
    {
        await using var store = await OpenIdentityStoreAsync();
        return await store.AddServiceClientAsync(Registrar, name, roles, CancellationToken.None);
    }

    public async Task SetDisabledAsync(string userName, bool disabled)
    {
        await using var store = await OpenIdentityStoreAsync();
        await store.Accounts.SetDisabledAsync(Registrar, userName, disabled, CancellationToken.None);
    }

    public Task<Permit> RecordPermitAsync(Permit permit) => Workspace.CreatePermitLifecycle().RecordAsync(permit, Registrar, CancellationToken.None);

    public Task<Permit> RemoveMemberAsync(string permitId, string member) =>
        Workspace.CreatePermitLifecycle().AmendAsync(permitId, Registrar, new PermitAmendment { AddMembers = [], RemoveMembers = [member] }, CancellationToken.None);

    public IReadOnlyList<AuditEntry> AuditEntries() => Workspace.OpenAuditLog().ReadAll();

    /// <summary>The audit entries written after <paramref name="sequence"/>.</summary>
    public IReadOnlyList<AuditEntry> AuditEntriesAfter(long sequence) => AuditEntries().Where(e => e.Sequence > sequence).ToList();

    public long LastAuditSequence() => AuditEntries().Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>Calls the API as the command line does: a bearer token, or none.</summary>
    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, string? accessToken, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Api.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Api.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
        _keys.Dispose();
    }

    private Task<IdentityStore> OpenIdentityStoreAsync() =>
        IdentityStore.OpenAsync(Workspace.IdentityDatabasePath, Workspace.KeyRing, Workspace.OpenAuditLog(), new IdentityOptions(), CancellationToken.None);
}
