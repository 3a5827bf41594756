using Lake.Coordinator.Authority;
using Lake.Portal.Authentication;
using Lake.Portal.Components;
using Lake.Portal.Localization;
using Lake.Portal.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Portal;

/// <summary>
/// Composes the Data Portal into the coordinator's web host: sign-in at the authority with a
/// cookie session, the three languages, and the pages (Razor Components rendered on the server,
/// no script). `lake serve` calls <see cref="AddLakePortal"/> after <c>AddLakeCoordinator</c> and
/// <see cref="MapLakePortal"/> after <c>MapLakeCoordinator</c>, whose services the pages use; the
/// operations page reads the history <c>AddLakeMeterHistory</c> keeps.
/// </summary>
public static class PortalExtensions
{
    /// <param name="listenAddress">Where the server listens: the embedded authority is there, and so are the portal's redirect URIs.</param>
    public static WebApplicationBuilder AddLakePortal(this WebApplicationBuilder builder, Uri listenAddress)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var addresses = PortalAddresses.For(auth, listenAddress);
        builder.Services.AddSingleton(addresses);
        PortalAuthentication.Add(builder, auth, addresses);
        // The embedded authority configures these already; with a hospital's authority the portal's forms need them all the same.
        builder.Services.AddAntiforgery();
        builder.Services.AddLocalization();
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<RequestViews>();
        builder.Services.AddSingleton<RequestSubmitter>();
        return builder;
    }

    public static WebApplication MapLakePortal(this WebApplication app)
    {
        var headers = new PortalSecurityHeaders(app.Services.GetRequiredService<PortalAddresses>().Authority);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PortalDefaults.BasePath), portal =>
        {
            portal.Use(headers.ApplyAsync);
            portal.UseRequestLocalization(PortalCultures.Options());
            portal.Use(PortalSession.AuthenticateAsync);
        });
        app.UseAntiforgery();
        PortalAssets.Map(app);
        PortalEndpoints.Map(app);
        PortalLiveEndpoints.Map(app);
        app.MapRazorComponents<App>().RequireAuthorization(PortalDefaults.Policy);
        return app;
    }
}
