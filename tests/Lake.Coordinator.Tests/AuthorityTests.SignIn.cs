using System.Net;
using Lake.Coordinator.Authority;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>The sign-in page: second factor, lockout, antiforgery, where it sends the browser, sign-out.</summary>
public sealed partial class AuthorityTests
{
    /// <summary>The one answer the page gives for every failed sign-in.</summary>
    private const string FailedSignIn = "Sign-in failed: the user name, password or one-time code is wrong, or the account is locked or disabled.";

    [Test]
    public async Task Login_FiveWrongPasswords_RefusesTheRightPasswordAndCodeWithTheSameMessage()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        var before = _server.LastAuditSequence();
        using var browser = _server.CreateBrowser();
        var failures = new List<(HttpStatusCode Status, string Body)>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await browser.SubmitLoginAsync(person.UserName, "not the password at all", person.CurrentCode());
            failures.Add((wrong.StatusCode, await wrong.Content.ReadAsStringAsync()));
        }

        using var right = await browser.SubmitLoginAsync(person.UserName, person.Password, await person.NextCodeAsync());

        var body = await right.Content.ReadAsStringAsync();
        var audit = _server.AuditEntriesAfter(before).Where(e => e.Actor == person.UserName).ToList();
        var logins = audit.Where(e => e.Action == "login").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failures.Select(f => f.Status), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(failures.Select(f => f.Body), Has.All.Contains(FailedSignIn));
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the locked account was let in");
            Assert.That(body, Does.Contain(FailedSignIn));
            Assert.That(SessionCookie(browser), Is.Null);
            Assert.That(logins, Has.Count.EqualTo(6));
            Assert.That(logins.Select(e => e.Outcome), Is.All.EqualTo("refused"));
            Assert.That(logins.Take(5).Select(e => e.Detail), Is.All.EqualTo(AccountService.Describe(SignInOutcome.BadCredentials)));
            Assert.That(logins.Last().Detail, Is.EqualTo(AccountService.Describe(SignInOutcome.LockedOut)));
            Assert.That(audit.Count(e => e.Action == "user.lockout"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Login_UnknownUser_GetsTheSameAnswerAsAWrongPassword()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();

        using var unknown = await browser.SubmitLoginAsync("nobody-here", person.Password, person.CurrentCode());
        using var wrongPassword = await browser.SubmitLoginAsync(person.UserName, "not the password at all", person.CurrentCode());

        var unknownBody = await unknown.Content.ReadAsStringAsync();
        var wrongBody = await wrongPassword.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(wrongPassword.StatusCode));
            Assert.That(unknownBody, Does.Contain(FailedSignIn));
            Assert.That(wrongBody, Does.Contain(FailedSignIn));
        });
    }

    [Test]
    public async Task Login_RightPasswordWrongCode_IsRefused()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        var before = _server.LastAuditSequence();
        using var browser = _server.CreateBrowser();

        using var response = await browser.SubmitLoginAsync(person.UserName, person.Password, person.WrongCode());

        var body = await response.Content.ReadAsStringAsync();
        var login = _server.AuditEntriesAfter(before).Single(e => e.Actor == person.UserName && e.Action == "login");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body, Does.Contain(FailedSignIn));
            Assert.That(SessionCookie(browser), Is.Null);
            Assert.That(login.Outcome, Is.EqualTo("refused"));
            Assert.That(login.Detail, Is.EqualTo(AccountService.Describe(SignInOutcome.BadSecondFactor)));
        });
    }

    [Test]
    public async Task Login_CodeReusedWithinItsStep_IsRefused()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        var code = await person.NextCodeAsync();
        using var first = _server.CreateBrowser();
        using var firstResponse = await first.SubmitLoginAsync(person.UserName, person.Password, code);
        // Someone who saw the code over the shoulder tries it from another browser.
        using var second = _server.CreateBrowser();

        using var replay = await second.SubmitLoginAsync(person.UserName, person.Password, code);

        Assert.Multiple(() =>
        {
            Assert.That(firstResponse.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(SessionCookie(second), Is.Null);
        });
    }

    [Test]
    public async Task Login_NoSecondFactorEnrolled_IsRefusedWhileTwoFactorIsRequired()
    {
        var person = await _server.AddPersonWithoutSecondFactorAsync($"person{Interlocked.Increment(ref _people)}", LakeRoles.Researcher);
        var before = _server.LastAuditSequence();
        using var browser = _server.CreateBrowser();

        using var response = await browser.SubmitLoginAsync(person.UserName, person.Password, "");

        var login = _server.AuditEntriesAfter(before).Single(e => e.Actor == person.UserName && e.Action == "login");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(SessionCookie(browser), Is.Null);
            Assert.That(login.Detail, Is.EqualTo(AccountService.Describe(SignInOutcome.SecondFactorNotEnrolled)));
        });
    }

    [Test]
    public async Task Login_PostWithCookieButWithoutAntiforgeryToken_Is400AndSignsNobodyIn()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();
        using (var page = await browser.GetAsync(AuthorityDefaults.LoginPath))
            Assert.That(browser.Cookies.GetAllCookies().Select(c => c.Name), Does.Contain("lake.antiforgery"));

        using var response = await browser.PostFormAsync(AuthorityDefaults.LoginPath,
            ("userName", person.UserName), ("password", person.Password), ("code", await person.NextCodeAsync()), ("returnUrl", "/account/signed-in"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(SessionCookie(browser), Is.Null);
        });
    }

    [TestCase("https://elsewhere.example/phish")]
    [TestCase("//elsewhere.example/phish")]
    [TestCase("/\\elsewhere.example/phish")]
    public async Task Login_ReturnUrlOffThisServer_RedirectsToTheSignedInPageInstead(string returnUrl)
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();

        var location = await browser.SignInAsync(person, returnUrl);

        Assert.That(location, Is.EqualTo(new Uri(_server.BaseAddress, "/account/signed-in")));
    }

    [Test]
    public async Task Logout_SignedInBrowser_EndsTheSessionAndIsAudited()
    {
        var person = await NewPersonAsync(LakeRoles.Researcher);
        using var browser = _server.CreateBrowser();
        await browser.SignInAsync(person);
        Assert.That(SessionCookie(browser), Is.Not.Null);
        string token;
        using (var page = await browser.GetAsync(AuthorityDefaults.LoginPath))
            token = Browser.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var before = _server.LastAuditSequence();

        using var response = await browser.PostFormAsync(AuthorityDefaults.LogoutPath, (Browser.AntiforgeryField, token));

        var device = await browser.StartDeviceAuthorizationAsync();
        using var verify = await browser.GetAsync(new Uri(device.VerificationUriComplete).PathAndQuery);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the session survived sign-out");
            Assert.That(_server.AuditEntriesAfter(before).Select(e => (e.Actor, e.Action)), Does.Contain((person.UserName, "logout")),
                "sign-out of a browser session is not in the audit log");
        });
    }

    private Cookie? SessionCookie(Browser browser) =>
        browser.Cookies.GetCookies(_server.BaseAddress).FirstOrDefault(c => c.Name == "lake.session");
}
