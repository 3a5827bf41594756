using System.Net;
using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// Signing in to the portal in a real browser: password and TOTP at the embedded authority's
/// pages, back through authorization code + PKCE into a portal session whose cookie the API does
/// not take; signing out ends the authority's session as well.
/// </summary>
[Category(TestCategories.Browser)]
public sealed class SignInTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    [Test]
    public async Task SignIn_PasswordAndTotp_OpensThePortalInASecureSession()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);

        await browser.SignInAsync(Site.Alice);
        browser.Screenshot("sign-in-start-page");

        var session = browser.Cookies.Single(c => c.Name == "lake.portal");
        Assert.Multiple(() =>
        {
            Assert.That(browser.Path, Is.EqualTo("/portal"));
            Assert.That(browser.Heading, Is.EqualTo("Data Portal"));
            Assert.That(browser.MainText, Does.Contain("researcher"));
            Assert.That(session.IsHttpOnly, Is.True);
            Assert.That(session.SameSite, Is.EqualTo("Lax"));
            // No code, token or state left in the address bar after the redirects.
            Assert.That(browser.Url, Does.Not.Contain("code=").And.Not.Contain("state="));
        });
    }

    [Test]
    public async Task Catalog_SignedIn_ShowsEveryRegisterWithSmallCountsSuppressed()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob, "/portal/catalog");

        var catalog = browser.MainText;
        browser.Screenshot("catalog");
        browser.Open("/portal/catalog/diagnosis");
        var diagnosis = browser.MainText;
        browser.Screenshot("catalog-diagnosis");

        Assert.Multiple(() =>
        {
            Assert.That(browser.Title, Is.EqualTo("Diagnosis data - Dataset Catalog - Lake"));
            Assert.That(catalog, Does.Contain("Diagnosis data").And.Contain("Laboratory").And.Contain("Asthma quality registry"));
            Assert.That(catalog, Does.Contain("No data in the lake yet"), "registers without data are listed too");
            Assert.That(catalog, Does.Contain("43"), "the diagnosis register's 43 rows, shown in full");
            // Uranus's three rows are a small count; Apotti's would reveal them from the total, so it is hidden too.
            Assert.That(diagnosis, Does.Contain("1-5").And.Contain("suppressed"));
            Assert.That(diagnosis, Does.Contain("recorded_at").And.Contain("timestamp"));
        });
    }

    [Test]
    public async Task PortalSession_IsNotABearerToken_TheApiAnswers401()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Mallory);
        var cookies = new CookieContainer();
        foreach (var cookie in browser.Cookies)
            cookies.Add(Site.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Site.BaseAddress };

        using var response = await http.GetAsync("/requests");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SignOut_EndsThePortalAndTheAuthoritySession_NextVisitAsksForTheCodeAgain()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli);

        browser.SignOut();
        browser.Screenshot("signed-out");
        browser.Driver.Navigate().GoToUrl(Site.Address("/portal/catalog"));

        Assert.Multiple(() =>
        {
            Assert.That(browser.Cookies.Select(c => c.Name), Does.Not.Contain("lake.portal").And.Not.Contain("lake.session"));
            Assert.That(browser.Path, Is.EqualTo("/account/login"), "no silent sign-in: the authority's session ended too");
            Assert.That(browser.Driver.FindElements(By.Id("code")), Has.Count.EqualTo(1));
        });
    }
}
