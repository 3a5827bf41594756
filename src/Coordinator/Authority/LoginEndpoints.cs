using Lake.Coordinator.Audit;
using Lake.Coordinator.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The embedded authority's sign-in page: user name, password and TOTP code, checked by
/// <see cref="AccountService"/>, then a browser session (cookie) that the authorization and
/// device verification endpoints rely on. One answer for every failure, so the page tells a
/// guesser nothing about which part was wrong; the audit log records which.
/// </summary>
internal static class LoginEndpoints
{
    public const string FailedSignIn = "Sign-in failed: the user name, password or one-time code is wrong, or the account is locked or disabled.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(AuthorityDefaults.LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return AuthorityPages.Login(tokens.FormFieldName, tokens.RequestToken!, LocalReturnUrl(returnUrl), null, null);
        });

        app.MapPost(AuthorityDefaults.LoginPath, async (HttpContext context, IAntiforgery antiforgery, AccountService accounts, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (!await FormOrigin.IsFromThisSiteAsync(context, antiforgery))
            {
                audit.Append("(anonymous)", "login", "browser sign-in", "refused", "the form carried no valid antiforgery token");
                return AuthorityPages.Message("Sign-in refused", "The form expired or did not come from this site; open the sign-in page again.", StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync(cancellationToken);
            var userName = form["userName"].ToString().Trim();
            var returnUrl = LocalReturnUrl(form["returnUrl"]);
            var outcome = await accounts.SignInAsync(userName, form["password"].ToString(), form["code"].ToString(), "browser", cancellationToken);
            if (outcome != SignInOutcome.Succeeded)
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                return AuthorityPages.Login(tokens.FormFieldName, tokens.RequestToken!, returnUrl, FailedSignIn, AccountNames.Printable(userName));
            }

            var account = (await accounts.FindAsync(userName, cancellationToken))!;
            await context.SignInAsync(AuthorityDefaults.SessionScheme, AccountPrincipal.Session(account), new AuthenticationProperties { IsPersistent = false });
            return Results.LocalRedirect(returnUrl);
        });

        app.MapPost(AuthorityDefaults.LogoutPath, async (HttpContext context, IAntiforgery antiforgery, AuditLog audit) =>
        {
            if (!await FormOrigin.IsFromThisSiteAsync(context, antiforgery))
                return AuthorityPages.Message("Sign-out refused", "The form expired or did not come from this site.", StatusCodes.Status400BadRequest);
            // The API's default scheme is the bearer token's; the browser session is the cookie's.
            var name = (await context.AuthenticateAsync(AuthorityDefaults.SessionScheme)).Principal?.Identity?.Name;
            await context.SignOutAsync(AuthorityDefaults.SessionScheme);
            if (name is not null)
                audit.Append(name, "logout", "browser session", "done");
            return AuthorityPages.Message("Signed out", "You are signed out of Lake.", StatusCodes.Status200OK);
        });

        app.MapGet("/account/signed-in", () => AuthorityPages.Message("Signed in", "You are signed in to Lake. You can close this page.", StatusCodes.Status200OK));
    }

    /// <summary>Only a path on this server: an address elsewhere would make the sign-in page an open redirect.</summary>
    internal static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            || returnUrl.Any(char.IsControl))
            return "/account/signed-in";
        return returnUrl;
    }
}
