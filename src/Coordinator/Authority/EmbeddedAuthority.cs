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
    public static void Configure(OpenIddictServerBuilder server, Uri? issuer, AuthorityKeys keys, AuthOptions auth)
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
        // Plain HTTP only where nothing leaves the machine: no issuer configured (the default, the
        // demo and the tests listen on loopback) or a loopback one. A real issuer is served behind TLS.
        if (issuer is null || (issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))
            aspNetCore.DisableTransportSecurityRequirement();
    }
}
