using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Lake.Coordinator.Authority;

/// <summary>
/// The few pages the embedded authority shows a person: sign-in, the device code entry and its
/// confirmation. Plain server-rendered HTML, every value encoded, no script and no inline style,
/// so the Content-Security-Policy can forbid both. The portal brings the full look later.
/// </summary>
internal static class AuthorityPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>
    /// Six digits. Interpolated, not written inside the page's text: there a bare {6} printed "6",
    /// and browsers refused to submit any real code (only HTTP clients got through).
    /// </summary>
    private const string OneTimeCodePattern = "[0-9]{6}";

    public static IResult Login(string antiforgeryField, string antiforgeryToken, string returnUrl, string? error, string? userName) =>
        Page("Sign in to Lake", $"""
            <h1>Sign in to Lake</h1>
            {ErrorBlock(error)}
            <form method="post" action="{AuthorityDefaults.LoginPath}">
              <input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryToken)}">
              <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
              <p><label for="userName">User name</label><br><input id="userName" name="userName" autocomplete="username" required value="{E(userName ?? "")}"></p>
              <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
              <p><label for="code">One-time code from your authenticator app</label><br><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="{OneTimeCodePattern}"></p>
              <p><button type="submit">Sign in</button></p>
            </form>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);

    public static IResult EnterCode(string? error) =>
        Page("Sign in a device", $"""
            <h1>Sign in the command line</h1>
            {ErrorBlock(error)}
            <form method="get" action="{AuthorityDefaults.VerifyPath}">
              <p><label for="user_code">The code the command line shows</label><br><input id="user_code" name="user_code" autocomplete="off" required></p>
              <p><button type="submit">Continue</button></p>
            </form>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public static IResult Confirm(string antiforgeryField, string antiforgeryToken, string userCode, string userName, string clientId) =>
        Page("Confirm sign-in", $"""
            <h1>Sign in the command line as {E(userName)}?</h1>
            <p>The program <strong>{E(clientId)}</strong> asks to act as you with code <strong>{E(userCode)}</strong>. Confirm only if you started it yourself just now.</p>
            <form method="post" action="{AuthorityDefaults.VerifyPath}">
              <input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryToken)}">
              <input type="hidden" name="user_code" value="{E(userCode)}">
              <p><button type="submit" name="decision" value="approve">Sign in</button> <button type="submit" name="decision" value="deny">Refuse</button></p>
            </form>
            """, StatusCodes.Status200OK);

    public static IResult Message(string title, string text, int status) =>
        Page(title, $"<h1>{E(title)}</h1>\n<p>{E(text)}</p>", status);

    private static string ErrorBlock(string? error) => error is null ? "" : $"<p role=\"alert\">{E(error)}</p>";

    private static string E(string value) => Html.Encode(value);

    private static IResult Page(string title, string body, int status)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" - Lake</title>\n</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("\n</main>\n</body>\n</html>\n")
            .ToString();
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
