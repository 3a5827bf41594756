using System.Security.Claims;
using Lake.Coordinator.Access;

namespace Lake.Portal.Authentication;

/// <summary>The person behind a portal page: the session's subject and roles, read by the API's own rules.</summary>
public static class PortalCaller
{
    /// <summary>Null for no session, or one whose subject Lake cannot use as a member name.</summary>
    public static Caller? From(CallerClaims claims, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && claims.From(user) is { } caller ? caller with { Channel = "portal" } : null;
}
