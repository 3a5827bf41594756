using System.Security.Claims;
using Lake.Coordinator.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The principal the embedded authority signs into tokens: subject and name are the Lake user
/// name, roles are read from the account at every issue (so a removed role is gone by the next
/// refresh), and the audience is the API's.
/// </summary>
public static class AccountPrincipal
{
    public static ClaimsPrincipal For(LakeAccount account, IEnumerable<string> scopes, string audience)
    {
        var identity = new ClaimsIdentity("Lake", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.UserName);
        identity.SetClaim(Claims.Name, account.UserName);
        if (account.DisplayName.Length > 0)
            identity.SetClaim(Claims.Nickname, account.DisplayName);
        identity.SetClaims(Claims.Role, [.. account.RoleList]);
        identity.SetScopes(scopes);
        identity.SetResources(audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Name or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Nickname => [Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The cookie session of a person signed in at the authority's own pages.</summary>
    public static ClaimsPrincipal Session(LakeAccount account)
    {
        var identity = new ClaimsIdentity(AuthorityDefaults.SessionScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, account.UserName));
        return new ClaimsPrincipal(identity);
    }
}
