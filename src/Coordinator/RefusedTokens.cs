using Lake.Extract.Audit;
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

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;
}
