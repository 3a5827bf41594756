using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// My requests in the browser, and journey 3 of the portal's issue: a researcher sees their own
/// group's requests with timeline and delivery; someone else's request, a request that does not
/// exist and an address that is no id all answer the same 404; a role without requests is refused.
/// </summary>
[Category(TestCategories.Browser)]
public sealed class RequestVisibilityTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    [Test]
    public async Task MyRequests_Member_ListsTheGroupsRequestWithTimelineAndManifest()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice, "/portal/requests");
        var list = browser.MainText;
        browser.Screenshot("my-requests");

        browser.Driver.FindElement(By.LinkText(Site.AliceRequest.ToString())).Click();
        var detail = browser.MainText;
        var checksums = browser.Driver.FindElements(By.CssSelector("code.checksum")).Select(c => c.Text).ToList();
        browser.Screenshot("my-request-delivered");
        var manifest = Lake.Extract.Delivery.DeliveryManifestFile.Read((await Site.Workspace.OpenRequests().FindAsync(Site.AliceRequest, CancellationToken.None))!.DeliveryFolder!);

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Contain(Site.AliceRequest.ToString()).And.Contain(PortalSite.AlicePermit).And.Contain("delivered"));
            Assert.That(list, Does.Not.Contain(Site.BobRequest.ToString()), "another group's request");
            Assert.That(browser.Path, Is.EqualTo($"/portal/requests/{Site.AliceRequest}"));
            Assert.That(detail, Does.Contain("accepted").And.Contain("extracting").And.Contain("delivered"), "the timeline from the request's events");
            Assert.That(checksums, Is.EquivalentTo(manifest.Files.Select(f => f.Sha256)));
            Assert.That(detail, Does.Contain("diagnosis"));
        });
    }

    [Test]
    public async Task RequestPage_NonMember_AnswersTheSame404AsANonexistentRequest()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Mallory, "/portal/requests");
        var list = browser.MainText;

        var others = Answer(browser, $"/portal/requests/{Site.BobRequest}");
        browser.Screenshot("non-member-other-request");
        var nonexistent = Answer(browser, $"/portal/requests/{Guid.NewGuid()}");
        var notAnId = Answer(browser, "/portal/requests/not-an-id");

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Contain("You have no data requests."));
            Assert.That(list, Does.Not.Contain(Site.AliceRequest.ToString()).And.Not.Contain(Site.BobRequest.ToString()));
            Assert.That(others.Status, Is.EqualTo(404));
            Assert.That(others, Is.EqualTo(nonexistent with { Page = others.Page }), "another group's request and none at all look alike");
            Assert.That(notAnId with { Page = others.Page }, Is.EqualTo(others));
        });
    }

    [Test]
    public async Task RequestPage_MemberOfAnotherGroup_CannotReachItByAddress()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob);

        var alices = Answer(browser, $"/portal/requests/{Site.AliceRequest}");
        var own = Answer(browser, $"/portal/requests/{Site.BobRequest}");

        Assert.Multiple(() =>
        {
            Assert.That(alices.Status, Is.EqualTo(404));
            Assert.That(own.Status, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task MyRequests_Operator_IsRefusedWithTheReason()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli, "/portal/requests");
        var visit = browser.Open("/portal/requests");
        browser.Screenshot("operator-refused");

        Assert.Multiple(() =>
        {
            Assert.That(visit.Status, Is.EqualTo(403));
            Assert.That(browser.MainText, Does.Contain("requests are listed for researchers and data-service staff"));
        });
    }

    /// <summary>What a person sees at an address: status, title, heading and words (the page's name aside).</summary>
    private static PageAnswer Answer(PortalBrowser browser, string page)
    {
        var visit = browser.Open(page);
        return new PageAnswer(page, visit.Status, browser.Title, browser.Heading, browser.MainText);
    }

    private sealed record PageAnswer(string Page, int Status, string Title, string Heading, string Text);
}
