using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Lake.Portal;

/// <summary>
/// On portal paths the person is the portal session's, also on pages open to everyone (signed
/// out, sign-in failed) and the two forms: the application's default scheme is the API's bearer
/// token, and an antiforgery token is bound to the user it was issued for.
/// </summary>
internal static class PortalSession
{
    public static async Task AuthenticateAsync(HttpContext context, Func<Task> next)
    {
        var session = await context.AuthenticateAsync(PortalDefaults.CookieScheme);
        if (session.Succeeded)
            context.User = session.Principal;
        await next();
    }
}
