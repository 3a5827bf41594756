using Microsoft.AspNetCore.Http;

namespace Lake.Coordinator;

/// <summary>
/// Headers on every answer: no sniffing, no referrer (a URL must never carry anything to another
/// site), no framing, and a Content-Security-Policy that allows no script and no inline style.
/// </summary>
internal static class SecurityHeaders
{
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.CacheControl = "no-store";
        return next();
    }
}
