using Lake.Cli.Serving;
using Lake.Contracts.Extraction;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Pseudonymization;

namespace Lake.EndToEnd.Tests.Distributed;

/// <summary>
/// The research group's members as clients of a running coordinator: each is a real account of
/// the cluster's data folder, signed in once through the authority's device flow (password and
/// one-time code), and every call carries that person's own access token.
/// </summary>
internal sealed class SignedInClients(Uri server, string data, string keyRing) : IDisposable
{
    private readonly Dictionary<string, CoordinatorClient> _clients = [];
    private readonly Dictionary<string, CachedToken> _tokens = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, string user, CancellationToken cancellationToken) =>
        await (await ForAsync(user, cancellationToken)).SubmitAsync(specification, permitId, cancellationToken);

    public async Task<CachedToken> TokenAsync(string user, CancellationToken cancellationToken)
    {
        await ForAsync(user, cancellationToken);
        return _tokens[user];
    }

    public async Task<CoordinatorClient> ForAsync(string user, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_clients.TryGetValue(user, out var client))
                return client;
            var password = "a long enough password for " + user;
            byte[] seed;
            var ring = KeyRing.OpenOrCreate(keyRing, TimeProvider.System);
            await using (var store = await IdentityStore.OpenAsync(Path.Combine(data, "control", IdentityDatabase.FileName), ring,
                new AuditLog(new ControlPlaneDataSource(Path.Combine(data, "control", "lake.db")), ring, TimeProvider.System), new IdentityOptions(), cancellationToken))
            {
                // The cluster's data folder is a copy of the fixture's, whose commands may have made the user already.
                if (await store.Accounts.FindAsync(user, cancellationToken) is null)
                    await store.Accounts.AddPersonAsync("test", user, user, [LakeRoles.Researcher], password, cancellationToken);
                else
                    await store.Accounts.SetPasswordAsync("test", user, password, cancellationToken);
                seed = OtpNet.Base32Encoding.ToBytes((await store.Accounts.EnrollTotpAsync("test", user, cancellationToken)).Base32Secret);
            }

            var token = await ScriptedSignIn.DeviceFlowAsync(server, user, password, seed, cancellationToken);
            client = new CoordinatorClient(server, (_, _) => Task.FromResult(token.AccessToken));
            _clients[user] = client;
            _tokens[user] = token;
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        _gate.Dispose();
    }
}
