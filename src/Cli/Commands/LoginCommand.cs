using System.CommandLine;
using Lake.Cli.Serving;

namespace Lake.Cli.Commands;

/// <summary>
/// `lake login` and `lake logout`: sign the command line in to a coordinator with the device
/// authorization flow (the person confirms in a browser, with password and one-time code), keep
/// the tokens owner-only, and forget (and revoke) them again.
/// </summary>
internal static class LoginCommand
{
    private static readonly Option<string> Server = new("--server") { Description = "The coordinator, e.g. http://127.0.0.1:5080.", Required = true };

    public static Command Login()
    {
        var login = new Command("login", "Sign in to a coordinator: open the address shown, sign in there, and confirm the code.") { Server };
        login.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var server = ServerUri(parse.GetValue(Server)!);
            var cache = TokenCache.Default();
            using var authority = new AuthorityClient(server);
            var code = await authority.StartDeviceLoginAsync(cancellationToken);
            Console.WriteLine($"To sign in, open {code.VerificationUriComplete ?? code.VerificationUri} in a browser and confirm the code {code.UserCode}.");
            Console.WriteLine($"Waiting (the code is valid for {code.ExpiresIn.TotalMinutes:0} minutes) ...");
            var token = await authority.CompleteDeviceLoginAsync(code, cancellationToken);
            cache.Save(server, token);
            Console.WriteLine($"Signed in to {server}; the sign-in is kept in {cache.Path} (owner-only).");
            return 0;
        }));
        return login;
    }

    public static Command Logout()
    {
        var logout = new Command("logout", "Forget the sign-in to a coordinator and revoke its refresh token.") { Server };
        logout.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var server = ServerUri(parse.GetValue(Server)!);
            var cache = TokenCache.Default();
            if (cache.Find(server) is { RefreshToken: { } refresh })
            {
                using var authority = new AuthorityClient(server);
                try
                {
                    await authority.RevokeAsync(refresh, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    // The coordinator is away: the local copy goes anyway, and the token expires on its own.
                }
            }

            Console.WriteLine(cache.Remove(server) ? $"Signed out of {server}." : $"Not signed in to {server}.");
            return 0;
        }));
        return logout;
    }

    public static Uri ServerUri(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var server) && server.Scheme is "http" or "https"
            ? server
            : throw new ArgumentException($"--server: '{address}' is not an http(s) address; give the coordinator's, e.g. http://127.0.0.1:5080.");
}
