using System.Net;
using System.Text.RegularExpressions;
using Lake.Extract.Delivery;
using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// Journey 4 of the portal's issue: data-service staff remove a member from a permit in the
/// permit page's form, and from then on that member no longer sees the request, its page or its
/// files. A researcher is refused the permits and cannot post an amendment, with or without an
/// antiforgery token; a post without one changes nothing even for staff.
/// </summary>
[Category(TestCategories.Browser)]
public sealed partial class StaffJourneyTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    [Test]
    public async Task AmendPermit_StaffRemovesAMember_MemberLosesTheRequestItsPageAndItsFiles()
    {
        var page = $"/portal/requests/{Site.TeamRequest}";
        string before;
        using (var carol = new PortalBrowser(Site.BaseAddress))
        {
            await carol.SignInAsync(Site.Carol, "/portal/requests");
            before = carol.MainText;
        }

        using var staff = new PortalBrowser(Site.BaseAddress);
        await staff.SignInAsync(Site.Sanna, "/portal/permits");
        var list = staff.MainText;
        staff.Screenshot("staff-permits");
        staff.Open($"/portal/permits/{PortalSite.TeamPermit}");
        // A name the lifecycle refuses comes back on the form, in its own words, not as an error page.
        staff.Driver.FindElement(By.Id("add-members")).SendKeys("Not A Name");
        Submit(staff, "amend");
        var refused = staff.Driver.FindElement(By.CssSelector("form[aria-labelledby=amend] [role=alert]")).Text;
        staff.Screenshot("staff-amend-refused");
        staff.Open($"/portal/permits/{PortalSite.TeamPermit}");
        staff.Driver.FindElement(By.Id("remove-carol")).Click();
        Submit(staff, "amend");
        var amended = staff.MainText;
        staff.Screenshot("staff-permit-amended");

        using var after = new PortalBrowser(Site.BaseAddress);
        await after.SignInAsync(Site.Carol, "/portal/requests");
        var list2 = after.MainText;
        var visit = after.Open(page);
        after.Screenshot("removed-member-request");
        var delivery = (await Site.Workspace.OpenRequests().FindAsync(Site.TeamRequest, CancellationToken.None))!.DeliveryFolder!;

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain(Site.TeamRequest.ToString()), "a member sees the group's request");
            Assert.That(list, Does.Contain(PortalSite.TeamPermit).And.Contain("bob, carol"));
            Assert.That(refused, Does.Contain("is not a valid member name"));
            Assert.That(amended, Does.Contain("The amendment is saved"));
            Assert.That(amended, Does.Contain("removed carol"), "the version history and the audit trail name the change");
            Assert.That(amended, Does.Contain("sanna"), "the signed-in subject is the actor");
            Assert.That(list2, Does.Not.Contain(Site.TeamRequest.ToString()));
            Assert.That(visit.Status, Is.EqualTo(404));
            // The operating system's access list is written from the permit: without real accounts
            // here, the access list Lake writes beside the files is what the deliveries are opened by.
            Assert.That(DeliveryAccess.Read(delivery), Is.EqualTo(new[] { "bob" }));
        });
    }

    [Test]
    public async Task RecordThenRevoke_Staff_RecordsThePermitAndRevokesItOnlyOnceConfirmed()
    {
        using var staff = new PortalBrowser(Site.BaseAddress);
        await staff.SignInAsync(Site.Sanna, "/portal/permits/new");
        var driver = staff.Driver;
        driver.FindElement(By.Id("id")).SendKeys("P-PORTAL-1");
        driver.FindElement(By.Id("study")).SendKeys("study-portal-1");
        driver.FindElement(By.Id("register-diagnosis")).Click();
        // A date field's keys follow the browser's locale; its value is the ISO date the form posts whatever the locale.
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].value = '2099-12-31'", driver.FindElement(By.Id("expires")));
        driver.FindElement(By.Id("members")).SendKeys("dave, erik");
        driver.FindElement(By.Id("free-text")).Click();
        staff.Screenshot("staff-permit-new");
        Submit(staff, "record");
        var recorded = (staff.Path, staff.MainText);
        staff.Screenshot("staff-permit-recorded");

        driver.FindElement(By.Id("reason")).SendKeys("the ethics committee withdrew its statement");
        Submit(staff, "revoke");
        var asked = staff.MainText;
        var unchanged = (await Site.Workspace.OpenPermits().FindAsync("P-PORTAL-1", CancellationToken.None))!.Status;
        staff.Screenshot("staff-revoke-confirm");
        Submit(staff, "revoke");
        var revoked = staff.MainText;
        staff.Screenshot("staff-permit-revoked");
        var permit = (await Site.Workspace.OpenPermits().FindAsync("P-PORTAL-1", CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(recorded.Path, Is.EqualTo("/portal/permits/P-PORTAL-1"));
            Assert.That(recorded.MainText, Does.Contain("The permit is recorded").And.Contain("dave, erik").And.Contain("2099-12-31").And.Contain("permit.record"));
            Assert.That(asked, Does.Contain("Revoke permit P-PORTAL-1?"));
            Assert.That(unchanged, Is.EqualTo(Contracts.Permits.PermitStatus.Approved), "nothing is revoked before the confirmation");
            Assert.That(permit.Status, Is.EqualTo(Contracts.Permits.PermitStatus.Revoked));
            Assert.That(permit.RevocationReason, Is.EqualTo("the ethics committee withdrew its statement"));
            Assert.That(permit.AllowsFreeText, Is.True);
            Assert.That(revoked, Does.Contain("The permit is revoked").And.Contain("permit.revoke").And.Contain("permit.close"));
            Assert.That(staff.Driver.FindElements(By.CssSelector("form[aria-labelledby=amend]")), Is.Empty, "a revoked permit is not amended");
        });
    }

    [Test]
    public async Task Permits_Researcher_IsRefusedAndCannotPostAnAmendmentWithOrWithoutAToken()
    {
        using var bob = new PortalBrowser(Site.BaseAddress);
        await bob.SignInAsync(Site.Bob);
        var permits = bob.Open("/portal/permits");
        var reason = bob.MainText;
        bob.Screenshot("researcher-permits-refused");
        var detail = bob.Open($"/portal/permits/{PortalSite.TeamPermit}");
        using var http = Session(bob);
        var token = Token(await http.GetStringAsync("/portal"));
        var version = await VersionAsync();

        using var withToken = await http.PostAsync($"/portal/permits/{PortalSite.TeamPermit}", Amendment(token));
        using var withoutToken = await http.PostAsync($"/portal/permits/{PortalSite.TeamPermit}", Amendment(null));

        Assert.Multiple(async () =>
        {
            Assert.That((permits.Status, detail.Status), Is.EqualTo((403, 403)));
            Assert.That(reason, Does.Contain("permits are shown to data-service staff and auditors"));
            Assert.That(withToken.IsSuccessStatusCode || withToken.StatusCode == HttpStatusCode.Redirect, Is.False, $"answered {withToken.StatusCode}");
            Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await VersionAsync(), Is.EqualTo(version), "the permit is as it was");
        });
    }

    [Test]
    public async Task AmendPost_StaffWithoutAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        using var staff = new PortalBrowser(Site.BaseAddress);
        await staff.SignInAsync(Site.Sanna);
        using var http = Session(staff);
        var version = await VersionAsync();

        using var response = await http.PostAsync($"/portal/permits/{PortalSite.TeamPermit}", Amendment(null));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await VersionAsync(), Is.EqualTo(version));
        });
    }

    [Test]
    public async Task Permit_Auditor_SeesTheTrailButNoForm()
    {
        using var aino = new PortalBrowser(Site.BaseAddress);
        await aino.SignInAsync(Site.Aino);

        var visit = aino.Open($"/portal/permits/{PortalSite.AlicePermit}");
        var forms = aino.Driver.FindElements(By.CssSelector("form[aria-labelledby=amend], form[aria-labelledby=revoke]"));
        var text = aino.MainText;

        Assert.Multiple(() =>
        {
            Assert.That(visit.Status, Is.EqualTo(200));
            Assert.That(forms, Is.Empty);
            Assert.That(text, Does.Contain("permit.record").And.Contain("registrar"));
        });
    }

    [Test]
    public async Task QueueAndSources_Staff_SeeEveryRequestAndTheFeedThatNeedsAttention()
    {
        using var staff = new PortalBrowser(Site.BaseAddress);
        await staff.SignInAsync(Site.Sanna);

        staff.Open("/portal/queue");
        var queue = staff.MainText;
        staff.Screenshot("staff-queue");
        staff.Driver.FindElement(By.LinkText(Site.AliceRequest.ToString())).Click();
        var breadcrumb = staff.Driver.FindElement(By.CssSelector(".breadcrumb a")).GetAttribute("href");
        staff.Open("/portal/sources");
        var sources = staff.MainText;
        staff.Screenshot("staff-sources");
        staff.Open("/portal/sources/uranus");
        var uranus = staff.MainText;
        staff.Screenshot("staff-source-uranus");
        var unknown = staff.Open("/portal/sources/..%2Fkeys");
        using var researcher = new PortalBrowser(Site.BaseAddress);
        await researcher.SignInAsync(Site.Mallory);
        var refused = researcher.Open("/portal/sources");

        Assert.Multiple(() =>
        {
            Assert.That(queue, Does.Contain(Site.AliceRequest.ToString()).And.Contain(Site.BobRequest.ToString()).And.Contain(Site.TeamRequest.ToString()));
            Assert.That(breadcrumb, Does.EndWith("/portal/queue"), "staff go back to the queue, not to a list of their own");
            Assert.That(sources, Does.Contain("Uranus").And.Contain("Apotti").And.Contain("needs attention"));
            Assert.That(uranus, Does.Contain("invalid_identity").And.Contain("invalid_date"));
            Assert.That(Lines().Matches(uranus).Select(m => m.Value), Is.SupersetOf(new[] { "5", "6" }), "the feed's line numbers");
            Assert.That(uranus, Does.Not.Contain("not-an-identity-code"), "never the row");
            Assert.That(unknown.Status, Is.EqualTo(404));
            Assert.That(refused.Status, Is.EqualTo(403));
        });
    }

    /// <summary>Submits one of the page's forms and waits for the answer to replace the page.</summary>
    private static void Submit(PortalBrowser browser, string form) =>
        browser.Submit(browser.Driver.FindElement(By.CssSelector($"form[aria-labelledby={form}] button[type=submit]")), $"the answer to the {form} form");

    /// <summary>An HTTP client holding the browser's session cookies, antiforgery cookie among them, that follows no redirect.</summary>
    private static HttpClient Session(PortalBrowser browser)
    {
        var cookies = new CookieContainer();
        foreach (var cookie in browser.Cookies)
            cookies.Add(Site.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
    }

    private static FormUrlEncodedContent Amendment(string? token)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "amend"),
            new("remove-members", "bob"),
            new("registers", "diagnosis"),
            new("expires", DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (token is not null)
            fields.Add(new("__RequestVerificationToken", token));
        return new FormUrlEncodedContent(fields);
    }

    private static string Token(string html) => AntiforgeryField().Match(html).Groups["token"].Value;

    private static async Task<int> VersionAsync() => (await Site.Workspace.OpenPermits().FindAsync(PortalSite.TeamPermit, CancellationToken.None))!.Version;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Lines();
}
