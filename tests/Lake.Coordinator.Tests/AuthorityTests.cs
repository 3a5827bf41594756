using System.Net;
using System.Text.Json;
using Lake.Coordinator.Authority;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>
/// The embedded OpenID Connect authority of `lake serve`: discovery and keys, the device flow of
/// the command line, the portal's code flow with PKCE, the sign-in page (TOTP, lockout,
/// antiforgery) and service clients. One coordinator for the fixture; each test signs in a
/// person of its own, so lockouts and used TOTP steps never leak from one test into another.
/// </summary>
[Category(TestCategories.Integration)]
public sealed partial class AuthorityTests
{
    private CoordinatorServer _server = null!;
    private int _people;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = new CoordinatorServer();
        await _server.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Discovery_EmbeddedAuthority_PublishesEndpointsGrantsAndS256()
    {
        using var response = await _server.Api.GetAsync(".well-known/openid-configuration");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.GetProperty("issuer").GetString(), Is.EqualTo(_server.BaseAddress.ToString()));
            Assert.That(root.GetProperty("device_authorization_endpoint").GetString(), Is.EqualTo(new Uri(_server.BaseAddress, AuthorityDefaults.DevicePath).ToString()));
            Assert.That(root.GetProperty("token_endpoint").GetString(), Is.EqualTo(new Uri(_server.BaseAddress, AuthorityDefaults.TokenPath).ToString()));
            Assert.That(root.TryGetProperty("jwks_uri", out _), Is.True);
            Assert.That(Strings(root, "grant_types_supported"), Is.SupersetOf(new[]
            {
                Browser.DeviceCodeGrant, "client_credentials", "authorization_code", "refresh_token",
            }));
            Assert.That(Strings(root, "code_challenge_methods_supported"), Does.Contain("S256"));
        });
    }

    [Test]
    public async Task Jwks_EmbeddedAuthority_PublishesTheSigningKeyAndNoPrivatePart()
    {
        using var discovery = JsonDocument.Parse(await _server.Api.GetStringAsync(".well-known/openid-configuration"));
        var jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
        using var jwks = JsonDocument.Parse(await _server.Api.GetStringAsync(jwksUri));
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToList();
        var signing = AuthorityKeys.LoadOrCreate(_server.Workspace.KeyRing.Path).Signing;

        Assert.Multiple(() =>
        {
            Assert.That(keys.Select(k => k.GetProperty("kid").GetString()), Does.Contain(signing.KeyId));
            // A JWKS is public: a private exponent or prime in it would let anyone mint tokens.
            Assert.That(keys.SelectMany(k => k.EnumerateObject().Select(p => p.Name)), Has.None.AnyOf("d", "p", "q", "dp", "dq", "qi"));
        });
    }

    [Test]
    public void AuthorityKeys_AfterStart_AreOwnerOnlyFilesBesideTheKeyRingOutsideTheDataFolder()
    {
        var keyRingPath = _server.Workspace.KeyRing.Path;
        var dataFolder = _server.Workspace.DataFolder + Path.DirectorySeparatorChar;

        Assert.Multiple(() =>
        {
            foreach (var path in new[] { AuthorityKeys.SigningPath(keyRingPath), AuthorityKeys.EncryptionPath(keyRingPath) })
            {
                Assert.That(File.Exists(path), Is.True, path);
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), path);
                Assert.That(Path.GetDirectoryName(Path.GetFullPath(path)), Is.EqualTo(Path.GetDirectoryName(Path.GetFullPath(keyRingPath))));
                Assert.That(Path.GetFullPath(path), Does.Not.StartWith(dataFolder));
            }

            Assert.That(Directory.EnumerateFiles(_server.Workspace.DataFolder, "*.pem", SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public async Task DeviceFlow_PersonSignsInAndApproves_IssuesTokensTheApiAccepts()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();

        var tokens = await browser.DeviceSignInAsync(person);

        using var me = await _server.CallAsync(HttpMethod.Get, "/me", tokens.AccessToken);
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.RootElement.GetProperty("subject").GetString(), Is.EqualTo(person.UserName));
            Assert.That(Strings(json.RootElement, "roles"), Is.EqualTo(new[] { LakeRoles.Researcher }));
            Assert.That(tokens.RefreshToken, Is.Not.Null.And.Not.Empty, "offline_access was asked for");
            Assert.That(_server.AuditEntries().Any(e => e.Actor == person.UserName && e.Action == "device.verify" && e.Outcome == "allowed"), Is.True);
        });
    }

    [Test]
    public async Task DeviceFlow_DeviceCodeRedeemedTwice_SecondIsInvalidGrant()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();
        var device = await browser.StartDeviceAuthorizationAsync();
        await browser.ApproveDeviceAsync(device, person);
        using var first = await browser.RedeemDeviceCodeAsync(device.DeviceCode);

        using var second = await browser.RedeemDeviceCodeAsync(device.DeviceCode);

        var error = await Browser.ErrorAsync(second);
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task DeviceFlow_NotYetApproved_TokenEndpointSaysPending()
    {
        using var browser = _server.CreateBrowser();
        var device = await browser.StartDeviceAuthorizationAsync();

        using var response = await browser.RedeemDeviceCodeAsync(device.DeviceCode);

        var error = await Browser.ErrorAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Is.EqualTo("authorization_pending"));
        });
    }

    [Test]
    public async Task Verify_CrossSitePostWithoutAntiforgeryToken_IsRefusedAndTheCodeStaysUnapproved()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();
        await browser.SignInAsync(person);
        var device = await browser.StartDeviceAuthorizationAsync();
        // The person's browser has the session and antiforgery cookies; another site's form has no token.
        await browser.ConfirmationTokenAsync(new Uri(device.VerificationUriComplete).PathAndQuery);

        using var forged = await browser.PostFormAsync(AuthorityDefaults.VerifyPath, ("user_code", device.UserCode), ("decision", "approve"));
        using var redeem = await browser.RedeemDeviceCodeAsync(device.DeviceCode);

        var redeemError = await Browser.ErrorAsync(redeem);
        Assert.Multiple(() =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(redeemError, Is.EqualTo("authorization_pending"));
            Assert.That(_server.AuditEntries().Any(e => e.Actor == person.UserName && e.Action == "device.verify" && e.Outcome == "refused"), Is.True);
        });
    }

    [Test]
    public async Task Refresh_AccountDisabledAfterSignIn_IsInvalidGrant()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();
        var tokens = await browser.DeviceSignInAsync(person);
        await _server.SetDisabledAsync(person.UserName, disabled: true);

        using var refresh = await browser.PostFormAsync(AuthorityDefaults.TokenPath,
            ("grant_type", "refresh_token"), ("client_id", LakeClients.CommandLine), ("refresh_token", tokens.RefreshToken!));

        var error = await Browser.ErrorAsync(refresh);
        Assert.Multiple(() =>
        {
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task CodeFlow_SignedInWithPkce_IssuesTokensTheApiAccepts()
    {
        var person = await NewPersonAsync(LakeRoles.Staff);
        using var browser = _server.CreateBrowser();

        var tokens = await browser.CodeFlowSignInAsync(person, _server.PortalRedirectUri);

        using var me = await _server.CallAsync(HttpMethod.Get, "/me", tokens.AccessToken);
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.RootElement.GetProperty("subject").GetString(), Is.EqualTo(person.UserName));
            Assert.That(Strings(json.RootElement, "roles"), Is.EqualTo(new[] { LakeRoles.Staff }));
        });
    }

    [Test]
    public async Task CodeFlow_WrongCodeVerifier_IsInvalidGrant()
    {
        var person = await NewPersonAsync(LakeRoles.Staff);
        using var browser = _server.CreateBrowser();
        var (code, _) = await browser.AuthorizationCodeAsync(person, _server.PortalRedirectUri);

        using var response = await browser.RedeemAuthorizationCodeAsync(code, "a-verifier-that-did-not-make-the-challenge-0123456789", _server.PortalRedirectUri);

        var error = await Browser.ErrorAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task Authorize_WithoutCodeChallenge_IssuesNoCode()
    {
        using var browser = _server.CreateBrowser();

        using var response = await browser.AuthorizeAsync(_server.PortalRedirectUri, codeChallenge: null, state: "s");

        // OpenIddict answers an invalid request at the client's redirect URI (or with a page when it cannot).
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(browser.Location(response).Query);
            Assert.Multiple(() =>
            {
                Assert.That(query.ContainsKey("code"), Is.False);
                Assert.That(query["error"].ToString(), Is.EqualTo("invalid_request"));
            });
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }

    [Test]
    public async Task Authorize_PlainCodeChallenge_IssuesNoCode()
    {
        var person = await NewPersonAsync(LakeRoles.Staff);
        using var browser = _server.CreateBrowser();
        await browser.SignInAsync(person);

        // "plain" puts the verifier itself in the browser's address bar, where PKCE is meant to keep it out.
        using var response = await browser.AuthorizeAsync(_server.PortalRedirectUri, "a-plain-challenge-that-is-the-verifier-itself-0123456789", "s", challengeMethod: "plain");

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(browser.Location(response).Query);
            Assert.That(query.ContainsKey("code"), Is.False, "the authority issued a code for a plain PKCE challenge");
        }
    }

    [Test]
    public async Task Authorize_UnregisteredRedirectUri_IssuesNoRedirect()
    {
        using var browser = _server.CreateBrowser();

        using var response = await browser.AuthorizeAsync("http://127.0.0.1:1/elsewhere", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", state: "s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<TestAccount> NewPersonAsync(params string[] roles) =>
        await _server.AddPersonAsync($"person{Interlocked.Increment(ref _people)}", roles);

    private static List<string?> Strings(JsonElement root, string property) =>
        root.GetProperty(property).EnumerateArray().Select(e => e.GetString()).ToList();
}
