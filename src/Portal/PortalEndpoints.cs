using Lake.Coordinator;
using Lake.Coordinator.Access;
using Lake.Coordinator.Audit;
using Lake.Portal.Authentication;
using Lake.Portal.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Lake.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Lake.Portal;

/// <summary>
/// The portal's two forms that are not pages: the language switch and sign-out. Both are posts
/// with an antiforgery token; a form without a valid one changes nothing.
/// </summary>
internal static class PortalEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(PortalDefaults.BasePath));

        app.MapPost(PortalDefaults.LanguagePath, async (HttpContext context, IAntiforgery antiforgery, PortalAddresses addresses, IStringLocalizer<PortalText> text, CancellationToken cancellationToken) =>
        {
            if (!await FormOrigin.IsFromThisSiteAsync(context, antiforgery))
                return FormExpired(text);
            var form = await context.Request.ReadFormAsync(cancellationToken);
            var culture = form["culture"].ToString();
            if (!PortalCultures.IsSupported(culture))
                return Results.Text(text["UnknownLanguage"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            context.Response.Cookies.Append(PortalCultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps || !addresses.PlainLoopback,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
                IsEssential = true,
            });
            return Results.LocalRedirect(PortalPath(form["returnUrl"]));
        });

        app.MapPost(PortalDefaults.SignOutPath, async (HttpContext context, IAntiforgery antiforgery, CallerClaims claims, AuditLog audit, IStringLocalizer<PortalText> text) =>
        {
            if (!await FormOrigin.IsFromThisSiteAsync(context, antiforgery))
                return FormExpired(text);
            var caller = PortalCaller.From(claims, context.User);
            await context.SignOutAsync(PortalDefaults.CookieScheme);
            if (caller is not null)
                audit.Append(caller.Subject, "portal.sign-out", "portal session", "done");
            // The authority's own session ends too, so the next sign-in asks for password and code again.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = PortalDefaults.SignedOutPath }, [PortalDefaults.OpenIdConnectScheme]);
        });
    }

    /// <summary>A page of the portal to go back to; anything else (another site, another part of this one) goes to the portal's start.</summary>
    internal static string PortalPath(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Contains("//", StringComparison.Ordinal) || returnUrl.Contains('\\', StringComparison.Ordinal) || returnUrl.Any(char.IsControl))
            return PortalDefaults.BasePath;
        return returnUrl == PortalDefaults.BasePath || returnUrl.StartsWith(PortalDefaults.BasePath + "/", StringComparison.Ordinal) ? returnUrl : PortalDefaults.BasePath;
    }

    private static IResult FormExpired(IStringLocalizer<PortalText> text) =>
        Results.Text(text["FormExpired"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
