using Lake.Coordinator.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace Lake.Coordinator;

/// <summary>
/// A bearer token the validation refuses (expired, unsigned, wrongly signed, for another audience
/// or issuer) is answered 401 by the authentication handler; this records the refusal in the
/// audit log too, with the validator's reason and never the token itself.
/// </summary>
internal static class RefusedTokens
{
    public static async Task AuditAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Headers.Authorization.Count > 0 && !context.Request.Path.StartsWithSegments("/connect"))
        {
            var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (result.Succeeded && NotYetValid(result.Principal, context.RequestServices.GetRequiredService<TimeProvider>()))
            {
                // The validator checks expiry but not "not before"; a token for later is no token now.
                context.RequestServices.GetRequiredService<AuditLog>().Append("(unauthenticated)", "token", $"{context.Request.Method} {context.Request.Path}", "refused",
                    "the token is not valid yet (nbf)");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The token is not valid yet.\"";
                return;
            }

            if (!result.Succeeded)
            {
                var reason = result.Properties?.Items.TryGetValue(OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription, out var description) == true
                    ? description : result.Failure?.Message;
                context.RequestServices.GetRequiredService<AuditLog>().Append("(unauthenticated)", "token", $"{context.Request.Method} {context.Request.Path}", "refused",
                    Clip(reason ?? "the token was not accepted"));
            }
        }

        await next();
    }

    private static bool NotYetValid(System.Security.Claims.ClaimsPrincipal principal, TimeProvider time) =>
        principal.FindFirst("nbf")?.Value is { } value && long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var notBefore)
        && DateTimeOffset.FromUnixTimeSeconds(notBefore) > time.GetUtcNow() + ClockSkew;

    /// <summary>Clocks of the authority and the coordinator may differ this much.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;
}
