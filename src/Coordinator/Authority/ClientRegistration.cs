using Lake.Coordinator.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lake.Coordinator.Authority;

/// <summary>
/// Creates the identity store on first start and keeps the authority's two own clients as the
/// configuration describes them: the command line (device flow) and the portal (code + PKCE).
/// Both are public clients: a secret shipped inside a program on every researcher's machine
/// would not be a secret.
/// </summary>
internal sealed class ClientRegistration(IServiceProvider services, IOptions<AuthOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityDatabase>();
        await IdentityStore.EnsureCreatedAsync(database, cancellationToken);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await UpsertAsync(applications, CommandLine(), cancellationToken);
        await UpsertAsync(applications, Portal(options.Value.PortalRedirectUris, options.Value.PortalPostLogoutRedirectUris), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor CommandLine() => new()
    {
        ClientId = LakeClients.CommandLine,
        DisplayName = "Lake command line",
        ClientType = ClientTypes.Public,
        Permissions =
        {
            Permissions.Endpoints.DeviceAuthorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.DeviceCode, Permissions.GrantTypes.RefreshToken,
            Permissions.Scopes.Roles, Permissions.Prefixes.Scope + LakeClients.ApiScope,
        },
    };

    private static OpenIddictApplicationDescriptor Portal(IEnumerable<string> redirectUris, IEnumerable<string> postLogoutRedirectUris)
    {
        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = LakeClients.Portal,
            DisplayName = "Lake Data Portal",
            ClientType = ClientTypes.Public,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Roles, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + LakeClients.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
            portal.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        foreach (var uri in postLogoutRedirectUris)
            portal.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        return portal;
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        else
            await applications.CreateAsync(descriptor, cancellationToken);
    }
}
