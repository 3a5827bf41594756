using Lake.Coordinator.Access;
using Lake.Coordinator.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lake.Portal.Authentication;

/// <summary>
/// What the portal adds to the OpenID Connect handshake: a session only for a subject Lake can use
/// as a member name (the one <see cref="CallerClaims"/> reads for the API), an audit entry for
/// every sign-in, and a page of its own instead of an exception when the authority says no.
/// </summary>
internal sealed class PortalSignInEvents : OpenIdConnectEvents
{
    public override Task TokenValidated(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is null || services.GetRequiredService<CallerClaims>().From(context.Principal) is not { } caller)
        {
            PortalLog.NoSubject(services.GetRequiredService<ILogger<PortalSignInEvents>>());
            context.Fail("The ID token names no Lake user.");
            return Task.CompletedTask;
        }

        services.GetRequiredService<AuditLog>().Append(caller.Subject, "portal.sign-in", "portal session", "done", $"roles {caller.RoleText}");
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        // The message names the protocol's error (access_denied, an expired correlation), never a code or token.
        PortalLog.SignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILogger<PortalSignInEvents>>(), context.Failure?.Message ?? "unknown");
        context.Response.Redirect(PortalDefaults.SignInFailedPath);
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
