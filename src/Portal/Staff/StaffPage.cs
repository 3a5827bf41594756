using Lake.Coordinator.Access;
using Lake.Portal.Authentication;
using Microsoft.AspNetCore.Http;

namespace Lake.Portal.Staff;

/// <summary>The signed-in person behind a staff page and the policy's audited answer for what the page does.</summary>
public static class StaffPage
{
    /// <summary>The caller when the policy allows the action, otherwise the reason it gives, which is safe to show.</summary>
    public static async Task<(Caller? Caller, string? Refusal)> DecideAsync(HttpContext? context, CallerClaims claims, AccessPolicy policy, LakeAction action, string subject)
    {
        if (context is null || PortalCaller.From(claims, context.User) is not { } caller)
            return (null, "no Lake user is signed in");
        var decision = await policy.DecideAsync(caller, action, subject, cancellationToken: context.RequestAborted);
        return decision.Allowed ? (caller, null) : (null, decision.Reason);
    }
}
