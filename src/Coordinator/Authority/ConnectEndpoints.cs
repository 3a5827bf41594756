using Lake.Coordinator.Audit;
using Lake.Coordinator.Identity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The OpenID Connect endpoints whose decisions are Lake's own (OpenIddict validates the protocol
/// first and passes the request through): authorization for the portal, device verification for
/// the command line, and the token endpoint, which reads the account again at every issue so a
/// disabled account or a removed role ends with the next refresh.
/// </summary>
internal static class ConnectEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorityDefaults.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapMethods(AuthorityDefaults.VerifyPath, [HttpMethods.Get, HttpMethods.Post], VerifyAsync);
        app.MapPost(AuthorityDefaults.TokenPath, TokenAsync);
        app.MapMethods(AuthorityDefaults.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            await context.SignOutAsync(AuthorityDefaults.SessionScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-in" }, [Scheme]);
        });
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, AccountService accounts, AuditLog audit, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        var session = await context.AuthenticateAsync(AuthorityDefaults.SessionScheme);
        if (!session.Succeeded || session.Principal.Identity?.Name is not { } name)
        {
            // Back here after signing in, with the same parameters.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(cancellationToken)).ToList() : context.Request.Query.ToList()) }, [AuthorityDefaults.SessionScheme]);
        }

        var account = await accounts.FindAsync(name, cancellationToken);
        if (account is null || account.Disabled)
            return Refuse(Errors.AccessDenied, "The account may not sign in.");
        audit.Append(account.UserName, "authorize", $"client {AccountNames.Printable(request.ClientId)}", "allowed", "authorization code issued");
        return Results.SignIn(AccountPrincipal.For(account, request.GetScopes(), options.Value.Audience), null, Scheme);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, AccountService accounts, AuditLog audit, IAntiforgery antiforgery, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        // The device authorization the user code names; fails for an unknown, expired or used code.
        var device = await context.AuthenticateAsync(Scheme);
        var request = context.GetOpenIddictServerRequest();
        if (string.IsNullOrEmpty(request?.UserCode))
            return AuthorityPages.EnterCode(null);
        if (!device.Succeeded || device.Principal is null)
            return AuthorityPages.EnterCode("That code is unknown, expired or used already. Start 'lake login' again for a new one.");

        var session = await context.AuthenticateAsync(AuthorityDefaults.SessionScheme);
        if (!session.Succeeded || session.Principal.Identity?.Name is not { } name)
            return Results.Challenge(new AuthenticationProperties { RedirectUri = AuthorityDefaults.VerifyPath + QueryString.Create("user_code", request.UserCode) }, [AuthorityDefaults.SessionScheme]);
        var account = await accounts.FindAsync(name, cancellationToken);
        if (account is null || account.Disabled)
            return AuthorityPages.Message("Sign-in refused", "The account may not sign in.", StatusCodes.Status403Forbidden);

        var clientId = device.Principal.GetPresenters().FirstOrDefault() ?? device.Principal.GetClaim(Claims.ClientId) ?? "an unknown client";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return AuthorityPages.Confirm(tokens.FormFieldName, tokens.RequestToken!, request.UserCode, account.UserName, clientId);
        }

        if (!await FormOrigin.IsFromThisSiteAsync(context, antiforgery))
        {
            audit.Append(account.UserName, "device.verify", $"client {AccountNames.Printable(clientId)}", "refused", "the form carried no valid antiforgery token");
            return AuthorityPages.Message("Sign-in refused", "The form expired or did not come from this site; open the page again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form["decision"] != "approve")
        {
            audit.Append(account.UserName, "device.verify", $"client {AccountNames.Printable(clientId)}", "refused", "refused by the user");
            return Results.Forbid(new AuthenticationProperties { RedirectUri = "/account/signed-in" }, [Scheme]);
        }

        audit.Append(account.UserName, "device.verify", $"client {AccountNames.Printable(clientId)}", "allowed", "device code approved");
        return Results.SignIn(AccountPrincipal.For(account, device.Principal.GetScopes(), options.Value.Audience),
            new AuthenticationProperties { RedirectUri = "/account/signed-in" }, Scheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, AccountService accounts, AuditLog audit, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        LakeAccount? account;
        IEnumerable<string> scopes;
        string grant;
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret; its roles are its service account's.
            account = await accounts.FindAsync(request.ClientId ?? "", cancellationToken);
            if (account is { Kind: not AccountKind.Service })
                account = null;
            scopes = request.GetScopes();
            grant = "client credentials";
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var earlier = await context.AuthenticateAsync(Scheme);
            var subject = earlier.Principal?.GetClaim(Claims.Subject);
            account = subject is null ? null : await accounts.FindAsync(subject, cancellationToken);
            scopes = earlier.Principal?.GetScopes() ?? [];
            grant = request.GrantType!;
        }
        else
        {
            return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var actor = account?.UserName ?? AccountNames.Printable(request.ClientId);
        if (account is null || account.Disabled)
        {
            audit.Append(actor, "token", $"grant {grant}", "refused", "the account is unknown or disabled");
            return Refuse(Errors.InvalidGrant, "The account is unknown or may no longer sign in.");
        }

        audit.Append(actor, "token", $"grant {grant}", "allowed", $"roles {account.Roles}");
        return Results.SignIn(AccountPrincipal.For(account, scopes, options.Value.Audience), null, Scheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Scheme]);

}
