using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace Lake.Cli.Serving;

/// <summary>
/// Signs a person in through the embedded authority's own pages the way a browser would (the
/// sign-in form with password and one-time code, then the device confirmation), for `lake demo`,
/// whose accounts are its own and whose people have no browser to hand.
/// </summary>
internal static partial class ScriptedSignIn
{
    public static async Task<CachedToken> DeviceFlowAsync(Uri server, string userName, string password, byte[] totpSeed, CancellationToken cancellationToken)
    {
        using var authority = new AuthorityClient(server);
        var code = await authority.StartDeviceLoginAsync(cancellationToken);
        await ApproveAsync(server, code.UserCode, userName, password, totpSeed, cancellationToken);
        return await authority.CompleteDeviceLoginAsync(code, cancellationToken);
    }

    /// <summary>What the person does in the browser for a code that `lake login` shows: sign in, then confirm the code.</summary>
    public static async Task ApproveAsync(Uri server, string userCode, string userName, string password, byte[] totpSeed, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

        var verify = "/connect/verify?user_code=" + Uri.EscapeDataString(userCode);
        var login = await browser.GetStringAsync("/account/login?returnUrl=" + Uri.EscapeDataString(verify), cancellationToken);
        // The sign-in lands on the confirmation page of the device code.
        using var signedIn = await browser.PostAsync("/account/login", Form(
            ("__RequestVerificationToken", Antiforgery(login)), ("returnUrl", verify), ("userName", userName), ("password", password),
            ("code", new Totp(totpSeed).ComputeTotp(DateTime.UtcNow))), cancellationToken);
        var confirm = await signedIn.Content.ReadAsStringAsync(cancellationToken);
        if (!signedIn.IsSuccessStatusCode || !confirm.Contains("name=\"decision\"", StringComparison.Ordinal))
            throw new UnauthorizedAccessException($"The authority did not sign {userName} in ({(int)signedIn.StatusCode}).");
        using var approved = await browser.PostAsync("/connect/verify", Form(
            ("__RequestVerificationToken", Antiforgery(confirm)), ("user_code", userCode), ("decision", "approve")), cancellationToken);
        if (!approved.IsSuccessStatusCode)
            throw new UnauthorizedAccessException($"The authority did not accept {userName}'s confirmation ({(int)approved.StatusCode}).");
    }

    private static string Antiforgery(string page) =>
        AntiforgeryField().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidDataException("The authority's page carries no antiforgery field.");

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
