using System.Text.RegularExpressions;
using Lake.Extract.Delivery;
using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// Journey 2 of the portal's issue: a researcher requests data in the form under their permit and
/// watches the request reach "delivered" on its page, which follows it in place; the form refuses,
/// with the permit check's reason and before anything is recorded, a permit that does not name the
/// person, a register the permit does not cover and a secure environment that is not configured.
/// </summary>
[Category(TestCategories.Browser)]
public sealed partial class DataRequestTests
{
    private const string DiagnosisStudy = """
        version: 1
        title: Type 2 diabetes, asked for in the portal
        cohort:
          icd10: [E11]
        datasets:
          - register: diagnosis
        """;

    private static PortalSite Site => PortalTestsSetUp.Site;

    [Test]
    public async Task DataRequest_Member_IsDeliveredOnItsPageWithoutAReload()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice, PortalDefaults.NewRequestPath);
        browser.Open(PortalDefaults.NewRequestPath);
        Fill(browser, PortalSite.AlicePermit, DiagnosisStudy);
        browser.Screenshot("data-request-form");

        browser.Driver.FindElement(By.CssSelector("button[value=submit]")).Click();
        browser.WaitFor(() => RequestPage().IsMatch(browser.Path), "the request's page after submitting");
        browser.MeasureHere("/portal/requests/ID (just submitted)");
        var id = Guid.Parse(RequestPage().Match(browser.Path).Groups["id"].Value);
        // Survives anything but a reload or a navigation: the test itself does neither from here.
        Script(browser).ExecuteScript("window.lakeTestMarker = 'the page first shown';");
        var status = browser.Driver.FindElement(By.CssSelector("[data-live-status-of]"));
        var first = status.Text;
        browser.Screenshot("data-request-open");
        if (first.EndsWith("delivered", StringComparison.Ordinal))
            Assert.Inconclusive("The request was delivered before its page was first shown; nothing was left to follow in place.");

        browser.WaitFor(() => status.Text == "State of the request: delivered", "the page to show the request delivered");
        var marker = Script(browser).ExecuteScript("return window.lakeTestMarker;");
        var checksums = browser.Driver.FindElements(By.CssSelector("code.checksum")).Select(c => c.Text).ToList();
        var readme = browser.Driver.FindElement(By.CssSelector("pre.readme")).Text;
        var stillFollowing = browser.Driver.FindElements(By.CssSelector("[data-live-source]")).Count;
        browser.Screenshot("data-request-delivered-in-place");
        var record = (await Site.Workspace.OpenRequests().FindAsync(id, CancellationToken.None))!;
        var manifest = DeliveryManifestFile.Read(record.DeliveryFolder!);

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("State of the request: ").And.Not.EndWith("delivered"));
            Assert.That(marker, Is.EqualTo("the page first shown"), "the same page, updated in place");
            Assert.That(record.RequestedBy, Is.EqualTo("alice"), "the requester is the session's subject");
            Assert.That(manifest.Specification.Title, Is.EqualTo("Type 2 diabetes, asked for in the portal"));
            Assert.That(checksums, Is.EquivalentTo(manifest.Files.Select(f => f.Sha256)));
            Assert.That(readme, Does.StartWith($"# Delivery {id}").And.Contain("`manifest.json` lists every file"));
            Assert.That(stillFollowing, Is.Zero, "a finished request is no longer polled");
        });
    }

    [Test]
    public async Task DataRequest_ResearcherNotOnThePermit_IsRefusedWithTheReasonAndNothingIsRecorded()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Mallory, PortalDefaults.NewRequestPath);
        var offered = browser.Driver.FindElements(By.CssSelector("#permit option")).Count;
        var intro = browser.MainText;
        // The form offers Mallory no permit; a hand-made post names Alice's all the same.
        Script(browser).ExecuteScript("const o = document.createElement('option'); o.value = arguments[0]; o.text = arguments[0]; o.selected = true; document.getElementById('permit').appendChild(o);",
            PortalSite.AlicePermit);
        Fill(browser, null, DiagnosisStudy);

        var answer = Submit(browser, "submit");
        browser.Screenshot("data-request-not-on-permit");
        var mallorys = (await Site.Workspace.OpenRequests().ListAsync(CancellationToken.None)).Count(r => r.RequestedBy == "mallory");

        Assert.Multiple(() =>
        {
            Assert.That(offered, Is.Zero, "only permits that name the person are offered");
            Assert.That(intro, Does.Contain("No permit names you"));
            Assert.That(answer, Does.Contain("nothing was submitted")
                .And.Contain($"User 'mallory' is not a member of the research group named on permit '{PortalSite.AlicePermit}'"));
            Assert.That(browser.Path, Is.EqualTo(PortalDefaults.NewRequestPath));
            Assert.That(mallorys, Is.Zero);
        });
    }

    [Test]
    public async Task DataRequest_RegisterOutsideThePermit_IsRefusedBeforeSubmission()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob, PortalDefaults.NewRequestPath);
        var before = await CountAsync("bob");
        Fill(browser, PortalSite.BobPermit, DiagnosisStudy + "\n  - register: laboratory");

        var answer = Submit(browser, "check");
        browser.Screenshot("data-request-outside-registers");

        Assert.Multiple(async () =>
        {
            Assert.That(answer, Does.Contain($"The specification uses register 'laboratory', which permit '{PortalSite.BobPermit}' does not cover (it covers: diagnosis)."));
            Assert.That(await CountAsync("bob"), Is.EqualTo(before), "a check records no request");
        });
    }

    [Test]
    public async Task DataRequest_UnreadableSpecification_SaysWhereWithLineAndColumn()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob, PortalDefaults.NewRequestPath);
        Fill(browser, PortalSite.BobPermit, DiagnosisStudy.Replace("cohort:", "cohrot:", StringComparison.Ordinal));

        var answer = Submit(browser, "check");

        Assert.That(answer, Does.Contain("the specification, line 3, column 1").And.Contain("cohrot"));
    }

    [Test]
    public async Task DataRequest_UnknownSecureEnvironment_IsRefusedNamingTheConfiguredOnes()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice, PortalDefaults.NewRequestPath);
        Fill(browser, PortalSite.AlicePermit, DiagnosisStudy + "\ndelivery:\n  transfer_to: elsewhere");

        var answer = Submit(browser, "check");
        browser.Screenshot("data-request-unknown-environment");

        Assert.That(answer, Does.Contain($"delivery.transfer_to: 'elsewhere' is not a secure environment deliveries are transferred to (the environments are: {PortalSite.TransferTarget})."));
    }

    [Test]
    public async Task TransferRequest_ConfiguredEnvironment_PassesTheCheck()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice, PortalDefaults.NewTransferPath);
        browser.Open(PortalDefaults.NewTransferPath);
        var targets = browser.Driver.FindElements(By.CssSelector("#transferTo option")).Select(o => o.GetAttribute("value")).ToList();
        Fill(browser, PortalSite.AlicePermit, DiagnosisStudy);
        browser.Screenshot("transfer-request-form");

        var answer = browser.Driver.FindElement(By.CssSelector("button[value=check]"));
        answer.Click();
        browser.WaitFor(() => browser.Driver.FindElements(By.CssSelector(".answer")).Count > 0, "the check's answer");
        var said = browser.Driver.FindElement(By.CssSelector(".answer")).Text;

        Assert.Multiple(() =>
        {
            Assert.That(targets, Is.EqualTo(new[] { PortalSite.TransferTarget }));
            Assert.That(said, Is.EqualTo("The permit allows this specification. Submit it when you are ready."));
        });
    }

    [Test]
    public async Task LiveFragment_AnotherGroupsRequest_Answers404AsTheRequestsPageDoes()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice, PortalDefaults.RequestsPath);

        var others = Status(browser, $"{PortalDefaults.LivePath}/requests/{Site.BobRequest}");
        var none = Status(browser, $"{PortalDefaults.LivePath}/requests/{Guid.NewGuid()}");
        var own = Status(browser, $"{PortalDefaults.LivePath}/requests/{Site.AliceRequest}");
        var list = Status(browser, $"{PortalDefaults.LivePath}/requests");

        Assert.Multiple(() =>
        {
            Assert.That(others, Is.EqualTo(404));
            Assert.That(none, Is.EqualTo(404));
            Assert.That(own, Is.EqualTo(200));
            Assert.That(list, Is.EqualTo(200));
        });
    }

    /// <summary>Chooses the permit (null: leave the choice as it is) and types the specification into the form's text field.</summary>
    private static void Fill(PortalBrowser browser, string? permit, string specification)
    {
        if (permit is not null)
            browser.Driver.FindElement(By.CssSelector($"#permit option[value='{permit}']")).Click();
        var text = browser.Driver.FindElement(By.Id("text"));
        text.Clear();
        text.SendKeys(specification);
    }

    /// <summary>Presses the form's check or submit button and reads what the form said back.</summary>
    private static string Submit(PortalBrowser browser, string action)
    {
        browser.Driver.FindElement(By.CssSelector($"button[value={action}]")).Click();
        browser.WaitFor(() => browser.Driver.FindElements(By.CssSelector("[role=alert]")).Count > 0, "the form's answer");
        return browser.Driver.FindElement(By.CssSelector("[role=alert]")).Text;
    }

    private static int Status(PortalBrowser browser, string path) =>
        Convert.ToInt32(Script(browser).ExecuteAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status), () => done(-1));", path),
            System.Globalization.CultureInfo.InvariantCulture);

    private static IJavaScriptExecutor Script(PortalBrowser browser) => (IJavaScriptExecutor)browser.Driver;

    private static async Task<int> CountAsync(string user) => (await Site.Workspace.OpenRequests().ListAsync(CancellationToken.None)).Count(r => r.RequestedBy == user);

    [GeneratedRegex("^/portal/requests/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex RequestPage();
}
