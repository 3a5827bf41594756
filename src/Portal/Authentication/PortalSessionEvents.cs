using System.Globalization;
using Lake.Coordinator.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Portal.Authentication;

/// <summary>
/// Ends a portal session that has lasted longer than <see cref="PortalOptions.MaxSessionLifetime"/>
/// since sign-in, however recently it was used: sliding expiration alone would let a busy session
/// live for ever without the second factor.
/// </summary>
internal sealed class PortalSessionEvents(TimeSpan maxLifetime) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.GetString(SignedInAt) is { } signedIn
            && DateTimeOffset.TryParse(signedIn, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            && time.GetUtcNow() - at <= maxLifetime)
        {
            // An open request's page asking for its news is not the person using the portal: it
            // must not slide the idle timeout on, or a forgotten page would keep a session alive.
            if (context.HttpContext.Request.Path.StartsWithSegments(PortalDefaults.LivePath))
                context.ShouldRenew = false;
            return;
        }

        var name = context.Principal?.Identity?.Name ?? "(unknown)";
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(PortalDefaults.CookieScheme);
        context.HttpContext.RequestServices.GetRequiredService<AuditLog>().Append(name, "portal.session", "portal session", "ended", "the session reached its longest lifetime");
    }

    public override Task SigningIn(CookieSigningInContext context)
    {
        // Sliding renewals re-issue the ticket; the time of the sign-in itself is kept beside it.
        if (context.Properties.GetString(SignedInAt) is null)
            context.Properties.SetString(SignedInAt, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    private const string SignedInAt = ".lake.signedInAt";
}
