using Microsoft.AspNetCore.Http;

namespace Lake.Portal;

/// <summary>
/// The portal's Content-Security-Policy, in place of the coordinator's on portal paths: nothing
/// inline, but the portal's own stylesheet and script, and that script's requests to this server.
/// Forms may post to this server and to the authority, whose sign-out a form leads to.
/// </summary>
internal sealed class PortalSecurityHeaders(Uri authority)
{
    private readonly string _policy =
        $"default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}; frame-ancestors 'none'; base-uri 'none'";

    public Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        context.Response.Headers.ContentSecurityPolicy = _policy;
        return next();
    }
}
