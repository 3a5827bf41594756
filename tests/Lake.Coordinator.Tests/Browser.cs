using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Coordinator.Authority;
using Microsoft.AspNetCore.WebUtilities;

namespace Lake.Coordinator.Tests;

/// <summary>
/// A person's browser at the embedded authority: cookies kept, redirects not followed (each hop
/// is looked at), forms filled from the served page, antiforgery field included. Also the
/// command line's and the portal's calls to the token endpoint, so a whole sign-in reads as one story.
/// </summary>
internal sealed partial class Browser : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    public const string CommandLineScopes = "openid offline_access roles " + LakeClients.ApiScope;

    private readonly HttpClient _http;

    public Browser(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(string url, params (string Name, string Value)[] fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    /// <summary>Where a redirect points, as a path and query on this server or an absolute address elsewhere.</summary>
    public Uri Location(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect).Or.EqualTo(HttpStatusCode.Found), $"expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location ?? throw new AssertionException("a redirect without a Location header");
        return location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
    }

    /// <summary>The antiforgery token a served form carries.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.That(match.Success, Is.True, "the page has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>Opens the sign-in page and submits it; the answer is a redirect on success, the page again on failure.</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string userName, string password, string code, string returnUrl = "/account/signed-in")
    {
        using var page = await GetAsync(AuthorityDefaults.LoginPath + QueryString("returnUrl", returnUrl));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return await PostFormAsync(AuthorityDefaults.LoginPath,
            (AntiforgeryField, token), ("userName", userName), ("password", password), ("code", code), ("returnUrl", returnUrl));
    }

    /// <summary>Signs the person in with password and a fresh TOTP code and returns where the sign-in page sent the browser.</summary>
    public async Task<Uri> SignInAsync(TestAccount account, string returnUrl = "/account/signed-in")
    {
        using var response = await SubmitLoginAsync(account.UserName, account.Password, await account.NextCodeAsync(), returnUrl);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"sign-in of {account.UserName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Location(response);
    }

    /// <summary>The command line's first step: a device code and the user code to show.</summary>
    public async Task<DeviceAuthorization> StartDeviceAuthorizationAsync()
    {
        using var response = await PostFormAsync(AuthorityDefaults.DevicePath, ("client_id", LakeClients.CommandLine), ("scope", CommandLineScopes));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new DeviceAuthorization(root.GetProperty("device_code").GetString()!, root.GetProperty("user_code").GetString()!,
            root.GetProperty("verification_uri_complete").GetString()!);
    }

    /// <summary>
    /// The person's part of the device flow: opens the verification link, is sent to sign in
    /// (unless signed in already), comes back to the confirmation and approves it.
    /// </summary>
    public async Task ApproveDeviceAsync(DeviceAuthorization device, TestAccount account)
    {
        var verify = new Uri(device.VerificationUriComplete).PathAndQuery;
        using (var first = await GetAsync(verify))
        {
            if (first.StatusCode == HttpStatusCode.Redirect)
            {
                var login = Location(first);
                Assert.That(login.AbsolutePath, Is.EqualTo(AuthorityDefaults.LoginPath));
                var returnUrl = QueryHelpers.ParseQuery(login.Query)["returnUrl"].ToString();
                var back = await SignInAsync(account, returnUrl);
                Assert.That(back.PathAndQuery, Is.EqualTo(verify));
            }
        }

        var confirmToken = await ConfirmationTokenAsync(verify);
        using var approved = await PostFormAsync(AuthorityDefaults.VerifyPath, (AntiforgeryField, confirmToken), ("user_code", device.UserCode), ("decision", "approve"));
        Assert.That((int)approved.StatusCode, Is.LessThan(400), await approved.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the confirmation page of a verification link (signed in already) and returns its antiforgery token.</summary>
    public async Task<string> ConfirmationTokenAsync(string verifyPathAndQuery)
    {
        using var confirm = await GetAsync(verifyPathAndQuery);
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("Confirm sign-in"));
        return AntiforgeryToken(html);
    }

    /// <summary>The command line redeeming its device code at the token endpoint.</summary>
    public Task<HttpResponseMessage> RedeemDeviceCodeAsync(string deviceCode) =>
        PostFormAsync(AuthorityDefaults.TokenPath, ("grant_type", DeviceCodeGrant), ("client_id", LakeClients.CommandLine), ("device_code", deviceCode));

    /// <summary>A whole `lake login`: device code, the person's sign-in and approval, tokens.</summary>
    public async Task<TokenSet> DeviceSignInAsync(TestAccount account)
    {
        var device = await StartDeviceAuthorizationAsync();
        await ApproveDeviceAsync(device, account);
        using var response = await RedeemDeviceCodeAsync(device.DeviceCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        return TokenSet.From(json.RootElement);
    }

    /// <summary>The portal's authorization request; the answer is a redirect to sign in, to the portal, or an error.</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string redirectUri, string? codeChallenge, string state, string challengeMethod = "S256") =>
        GetAsync(AuthorityDefaults.AuthorizePath + QueryString(
            ("client_id", LakeClients.Portal), ("response_type", "code"), ("redirect_uri", redirectUri), ("scope", "openid roles " + LakeClients.ApiScope),
            ("state", state), ("code_challenge", codeChallenge), ("code_challenge_method", codeChallenge is null ? null : challengeMethod)));

    /// <summary>
    /// The portal's sign-in: authorization code with PKCE. Returns the code the portal would be
    /// handed at its redirect URI, and the verifier that belongs to it.
    /// </summary>
    public async Task<(string Code, string Verifier)> AuthorizationCodeAsync(TestAccount account, string redirectUri)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        using var first = await AuthorizeAsync(redirectUri, challenge, state);
        var next = Location(first);
        if (next.AbsolutePath == AuthorityDefaults.LoginPath)
        {
            var back = await SignInAsync(account, QueryHelpers.ParseQuery(next.Query)["returnUrl"].ToString());
            Assert.That(back.AbsolutePath, Is.EqualTo(AuthorityDefaults.AuthorizePath));
            using var second = await GetAsync(back.PathAndQuery);
            next = Location(second);
        }

        Assert.That(next.GetLeftPart(UriPartial.Path), Is.EqualTo(redirectUri));
        var query = QueryHelpers.ParseQuery(next.Query);
        Assert.That(query["state"].ToString(), Is.EqualTo(state));
        Assert.That(query.ContainsKey("code"), Is.True, $"no code in {next}");
        return (query["code"].ToString(), verifier);
    }

    public Task<HttpResponseMessage> RedeemAuthorizationCodeAsync(string code, string verifier, string redirectUri) =>
        PostFormAsync(AuthorityDefaults.TokenPath, ("grant_type", "authorization_code"), ("client_id", LakeClients.Portal), ("code", code),
            ("redirect_uri", redirectUri), ("code_verifier", verifier));

    public async Task<TokenSet> CodeFlowSignInAsync(TestAccount account, string redirectUri)
    {
        var (code, verifier) = await AuthorizationCodeAsync(account, redirectUri);
        using var response = await RedeemAuthorizationCodeAsync(code, verifier, redirectUri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        return TokenSet.From(json.RootElement);
    }

    /// <summary>A service's token by client credentials; the raw answer, so a refusal can be looked at.</summary>
    public Task<HttpResponseMessage> ClientCredentialsAsync(string clientId, string secret) =>
        PostFormAsync(AuthorityDefaults.TokenPath, ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("scope", LakeClients.ApiScope));

    /// <summary>The OAuth error code of a token endpoint answer.</summary>
    public static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    public void Dispose() => _http.Dispose();

    private static string QueryString(params (string Name, string? Value)[] parameters) =>
        "?" + string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));

    private static string QueryString(string name, string value) => QueryString((name, value));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    [GeneratedRegex("<input type=\"hidden\" name=\"" + AntiforgeryField + "\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex AntiforgeryInput();
}
