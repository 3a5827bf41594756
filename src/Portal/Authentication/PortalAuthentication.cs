using Lake.Coordinator.Authority;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Lake.Portal.Authentication;

/// <summary>
/// The portal's sign-in: OpenID Connect, authorization code with PKCE, against the embedded
/// authority (so its password and TOTP pages apply) or the hospital's; then a cookie session of
/// the portal's own. The API never accepts that cookie: it takes bearer tokens only.
/// </summary>
internal static class PortalAuthentication
{
    public static void Add(WebApplicationBuilder builder, AuthOptions auth, PortalAddresses addresses)
    {
        var portal = builder.Configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        // Plain HTTP only where nothing leaves the machine, as the authority allows; anything else
        // is TLS (perhaps ended by a proxy in front), so the cookies say Secure whatever the request.
        var secure = addresses.PlainLoopback ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        if (auth.IsEmbedded)
        {
            builder.Services.PostConfigure<AuthOptions>(options =>
            {
                options.PortalRedirectUris.AddRange(addresses.RedirectUris.Except(options.PortalRedirectUris, StringComparer.Ordinal).ToList());
                options.PortalPostLogoutRedirectUris.AddRange(addresses.PostLogoutRedirectUris.Except(options.PortalPostLogoutRedirectUris, StringComparer.Ordinal).ToList());
            });
        }

        builder.Services.AddAuthentication()
            .AddCookie(PortalDefaults.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "lake.portal";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = secure;
                cookie.ExpireTimeSpan = auth.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                // A page that needs a session starts the sign-in at the authority, not at a login page of the portal's.
                cookie.ForwardChallenge = PortalDefaults.OpenIdConnectScheme;
                cookie.Events = new PortalSessionEvents(portal.MaxSessionLifetime);
            })
            .AddOpenIdConnect(PortalDefaults.OpenIdConnectScheme, oidc =>
            {
                oidc.Authority = addresses.Authority.ToString();
                oidc.RequireHttpsMetadata = !addresses.PlainLoopback && !auth.AllowInsecureAuthority;
                oidc.ClientId = portal.ClientId;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query of a same-site redirect: a form post would need the
                // authority's auto-submitting script, which the pages' Content-Security-Policy forbids,
                // and would be a cross-site POST that a SameSite=Lax cookie does not follow.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.SignInScheme = PortalDefaults.CookieScheme;
                oidc.CallbackPath = PortalDefaults.CallbackPath;
                oidc.SignedOutCallbackPath = PortalDefaults.SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = PortalDefaults.SignedOutPath;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.Scope.Add("roles");
                // The claims keep the names the authority gave them, so CallerClaims reads subject and
                // roles exactly as it does from an access token.
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = auth.SubjectClaim;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                // The portal calls the coordinator in-process and needs no token; keeping none keeps them out of the cookie.
                oidc.SaveTokens = false;
                // The session lives by the portal's own limits, not by the ID token's few minutes.
                oidc.UseTokenLifetime = false;
                // No library and version names in the authority's query strings.
                oidc.DisableTelemetry = true;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = secure;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = secure;
                oidc.Events = new PortalSignInEvents();
            });

        builder.Services.AddAuthorization(authorization => authorization.AddPolicy(PortalDefaults.Policy, policy => policy
            .AddAuthenticationSchemes(PortalDefaults.CookieScheme)
            .RequireAuthenticatedUser()));
    }
}
