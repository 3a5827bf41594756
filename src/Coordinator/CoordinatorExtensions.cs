using Lake.Coordinator.Access;
using Lake.Coordinator.Api;
using Lake.Coordinator.Authority;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Coordinator.Preliminary;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Lake.Extract.Disclosure;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Lake.Coordinator;

/// <summary>
/// Composes the coordinator's web side: authentication (the embedded OpenID Connect authority
/// or an external one), the access policy, and the HTTP API. `lake serve` calls these two.
/// </summary>
public static class CoordinatorExtensions
{
    /// <summary>The authorization policy of every API endpoint: a bearer access token the validation accepts.</summary>
    public const string ApiPolicy = "lake-api";

    /// <summary>A request body larger than this is refused before it is read; specifications are small.</summary>
    private const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddLakeCoordinator(this WebApplicationBuilder builder, CoordinatorWorkspace workspace, string identityDatabasePath, Uri listenAddress)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var identity = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DisclosurePolicy>().BindConfiguration(DisclosurePolicy.SectionName)
            .Validate(policy => !policy.Problems().Any(), "The Disclosure settings are not usable: see the documentation of each (docs/disclosure-control.md).").ValidateOnStart();
        builder.Services.AddSingleton(workspace);
        // The host's own data source when it registered one (`lake serve` does, for its stores).
        builder.Services.TryAddSingleton(_ => new ControlPlaneDataSource(workspace.ControlPlanePath));
        builder.Services.AddControlPlaneStores();
        builder.Services.AddSingleton(services => new CallerClaims(services.GetRequiredService<IOptions<AuthOptions>>().Value));
        builder.Services.AddSingleton<AccessPolicy>();
        builder.Services.AddScoped<PreliminaryStudyRunner>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // OpenIddict logs whole protocol messages at Information, device codes among them: a
        // credential until redeemed, so nothing below a warning of it reaches a log.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);

        var openIddict = builder.Services.AddOpenIddict();
        if (auth.IsEmbedded)
        {
            // Without a configured issuer, OpenIddict takes the address each request came to, so a
            // coordinator on a port chosen at start (port 0) publishes endpoints that work.
            var issuer = auth.Issuer is { Length: > 0 } configured ? new Uri(configured, UriKind.Absolute) : null;
            var keys = AuthorityKeys.LoadOrCreate(workspace.Keys.Path);
            IdentityStore.AddTo(builder.Services, identityDatabasePath, workspace.Keys);
            builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<IdentityOptions>>().Value);
            openIddict
                .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDatabase>())
                .AddServer(server => EmbeddedAuthority.Configure(server, issuer, listenAddress.IsLoopback, keys, auth))
                .AddValidation(validation =>
                {
                    validation.UseLocalServer();
                    validation.AddAudiences(auth.Audience);
                    validation.UseAspNetCore();
                });
            builder.Services.AddAuthentication().AddCookie(AuthorityDefaults.SessionScheme, cookie =>
            {
                cookie.Cookie.Name = "lake.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = issuer?.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = auth.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AuthorityDefaults.LoginPath;
                cookie.ReturnUrlParameter = "returnUrl";
            });
            builder.Services.AddAntiforgery(antiforgery =>
            {
                antiforgery.Cookie.Name = "lake.antiforgery";
                antiforgery.Cookie.SameSite = SameSiteMode.Strict;
                antiforgery.Cookie.HttpOnly = true;
            });
            builder.Services.AddHostedService<ClientRegistration>();
        }
        else
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                throw new ArgumentException($"Auth:Authority: '{auth.Authority}' is not an http(s) address of an OpenID Connect issuer.");
            // Keys and metadata over plain HTTP could be swapped on the way: only on this machine, or when a test realm says so.
            if (authority.Scheme == Uri.UriSchemeHttp && !authority.IsLoopback && !auth.AllowInsecureAuthority)
                throw new ArgumentException($"Auth:Authority: '{authority}' is plain HTTP; use the identity provider's https address (Auth:AllowInsecureAuthority=true only for a test realm).");
            openIddict.AddValidation(validation =>
            {
                validation.SetIssuer(authority);
                validation.AddAudiences(auth.Audience);
                validation.UseSystemNetHttp();
                validation.UseAspNetCore();
            });
        }

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization(authorization => authorization.AddPolicy(ApiPolicy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()));
        return builder;
    }

    public static WebApplication MapLakeCoordinator(this WebApplication app)
    {
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseAuthentication();
        app.Use(RefusedTokens.AuditAsync);
        app.UseAuthorization();
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.IsEmbedded)
        {
            LoginEndpoints.Map(app);
            ConnectEndpoints.Map(app);
        }

        CoordinatorApi.Map(app);
        return app;
    }
}
