using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Lake.Portal.Tests;

/// <summary>
/// What the portal answers over plain HTTP, before any browser: the sign-in challenge (code with
/// S256, nothing personal in the address), the languages from Accept-Language, the security
/// headers, the stylesheet, and a form without its antiforgery token.
/// </summary>
[Category(TestCategories.Integration)]
public sealed partial class PortalHttpTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    private HttpClient _http = null!;

    [SetUp]
    public void CreateClient() =>
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Site.BaseAddress };

    [TearDown]
    public void DisposeClient() => _http.Dispose();

    [Test]
    public async Task Portal_NoSession_RedirectsToTheAuthorityWithCodeAndS256()
    {
        using var response = await _http.GetAsync("/portal/requests");

        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(location.AbsolutePath, Is.EqualTo("/connect/authorize"));
            Assert.That(query["client_id"].ToString(), Is.EqualTo("lake-portal"));
            Assert.That(query["response_type"].ToString(), Is.EqualTo("code"));
            Assert.That(query["code_challenge_method"].ToString(), Is.EqualTo("S256"));
            Assert.That(query["redirect_uri"].ToString(), Is.EqualTo(Site.Address("/signin-oidc").ToString()));
            Assert.That(query.ContainsKey("x-client-SKU"), Is.False, "no library names in the address");
        });
    }

    [TestCase("fi-FI,fi;q=0.9,en;q=0.5", "fi", "Kirjauduttu ulos - Lake")]
    [TestCase("sv-FI,sv;q=0.9", "sv", "Utloggad - Lake")]
    [TestCase("en-GB", "en", "Signed out - Lake")]
    [TestCase("de-DE", "en", "Signed out - Lake")]
    public async Task SignedOutPage_AcceptLanguage_ChoosesTheLanguage(string acceptLanguage, string lang, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/portal/signed-out");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        using var response = await _http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain($"<html lang=\"{lang}\">"));
            Assert.That(html, Does.Contain($"<title>{title}</title>"));
        });
    }

    [Test]
    public async Task PortalPage_SecurityHeaders_AllowOnlyThisServersScriptAndNothingInline()
    {
        using var response = await _http.GetAsync("/portal/signed-out");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(policy, Does.StartWith("default-src 'none'; style-src 'self';"));
            Assert.That(policy, Does.Contain("script-src 'self';").And.Contain("connect-src 'self';").And.Not.Contain("unsafe"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            // A page with nothing that moves carries no script at all.
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("style="));
            Assert.That(StylesheetLink().IsMatch(html), Is.True);
        });
    }

    [Test]
    public async Task Stylesheet_AddressNamesItsContent_IsKeptForAYear()
    {
        using var page = await _http.GetAsync("/portal/signed-out");
        var href = StylesheetLink().Match(await page.Content.ReadAsStringAsync()).Groups["href"].Value;

        using var response = await _http.GetAsync(href);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/css"));
            Assert.That(response.Headers.CacheControl!.ToString(), Does.Contain("immutable"));
        });
    }

    [TestCase("/portal/language")]
    [TestCase("/portal/sign-out")]
    public async Task Form_WithoutAntiforgeryToken_IsRefusedAndChangesNothing(string path)
    {
        using var response = await _http.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("culture", "fi"), KeyValuePair.Create("returnUrl", "/portal")]));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        });
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>/portal/assets/portal\\.css\\?v=[0-9a-f]{16})\"")]
    private static partial Regex StylesheetLink();
}
