using Microsoft.Extensions.DependencyInjection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The OpenIddict server of the single-machine default: authorization code with PKCE for the
/// portal, device authorization for the command line, client credentials for services, refresh
/// tokens for all three. Access tokens are signed JWTs, not encrypted, so any resource server of
/// the hospital can check them against the published keys.
/// </summary>
internal static class EmbeddedAuthority
{
    public static void Configure(OpenIddictServerBuilder server, Uri? issuer, bool loopbackOnly, AuthorityKeys keys, AuthOptions auth)
    {
        if (issuer is not null)
            server.SetIssuer(issuer);
        server.SetAuthorizationEndpointUris(AuthorityDefaults.AuthorizePath.TrimStart('/'))
            .SetTokenEndpointUris(AuthorityDefaults.TokenPath.TrimStart('/'))
            .SetDeviceAuthorizationEndpointUris(AuthorityDefaults.DevicePath.TrimStart('/'))
            .SetEndUserVerificationEndpointUris(AuthorityDefaults.VerifyPath.TrimStart('/'))
            .SetEndSessionEndpointUris(AuthorityDefaults.EndSessionPath.TrimStart('/'))
            .SetRevocationEndpointUris(AuthorityDefaults.RevocationPath.TrimStart('/'));
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
            .AllowDeviceAuthorizationFlow()
            .AllowClientCredentialsFlow()
            .AllowRefreshTokenFlow();
        // S256 only: with "plain" the verifier itself would travel in the browser's address bar.
        server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
        server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, LakeClients.ApiScope);
        server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
        server.DisableAccessTokenEncryption();
        server.SetAccessTokenLifetime(auth.AccessTokenLifetime).SetRefreshTokenLifetime(auth.RefreshTokenLifetime)
            .SetDeviceCodeLifetime(TimeSpan.FromMinutes(10)).SetUserCodeLifetime(TimeSpan.FromMinutes(10));
        var aspNetCore = server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndUserVerificationEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
        // Plain HTTP only where nothing leaves the machine: a coordinator listening on loopback
        // alone (the default, the demo and the tests). Anything reachable from elsewhere is TLS.
        if (loopbackOnly && (issuer is null || issuer.IsLoopback))
            aspNetCore.DisableTransportSecurityRequirement();
    }
}
