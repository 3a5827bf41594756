using Lake.Pseudonymization;
using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// Journey 5 of the portal's issue: an operator signs in with password and TOTP and sees what the
/// engine did, as charts drawn on the server, with the numbers of the site's ingest and
/// deliveries, and nothing of any patient anywhere on the page.
/// </summary>
[Category(TestCategories.Browser)]
public sealed class OperationsDashboardTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    private static readonly string[] Charts =
        ["rows-over-time", "rows-by-source", "quarantine-rate", "feeds-by-outcome", "tasks-over-time", "task-duration", "request-latency"];

    [Test]
    public async Task Operations_Operator_SeesChartsWithTheIngestsRowCounts()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli);
        browser.Driver.FindElement(By.LinkText("Operations")).Click();
        browser.Screenshot("operations");
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.getElementById('extraction').scrollIntoView()");
        browser.Screenshot("operations-extraction");

        var rows = TableRows(browser, "rows-by-source");
        var feeds = TableRows(browser, "feeds-by-outcome");
        var drawings = browser.Driver.FindElements(By.CssSelector("svg.chart-drawing"));
        var description = browser.Driver.FindElement(By.Id("rows-by-source-desc")).GetAttribute("textContent");

        Assert.Multiple(() =>
        {
            Assert.That(browser.Path, Is.EqualTo("/portal/operations"));
            Assert.That(browser.Title, Is.EqualTo("Operations - Lake"));
            foreach (var (source, count) in Site.RowsIngested)
            {
                Assert.That(rows, Does.Contain($"{source} / diagnosis|{count}"), "the table under the bars");
                Assert.That(description, Does.Contain($"{source} / diagnosis: {count} in all."), "the drawing's description");
            }

            Assert.That(rows, Does.Contain($"Total|{Site.RowsIngested.Values.Sum()}"));
            Assert.That(feeds, Does.Contain($"committed|{Site.RowsIngested.Count}"));
            Assert.That(drawings.Select(d => d.GetAttribute("role")), Is.All.EqualTo("img"));
            Assert.That(drawings.Select(d => d.FindElement(By.TagName("title")).GetAttribute("textContent")), Is.All.Not.Empty);
            foreach (var chart in Charts)
                Assert.That(browser.Driver.FindElements(By.Id(chart + "-title")), Has.Count.EqualTo(1), chart);
            Assert.That(TableRows(browser, "request-latency")[0], Does.Contain("delivered"), "the two deliveries' latency, in the served process");
            Assert.That(TableRows(browser, "tasks-over-time")[0], Does.Contain("started").And.Contain("completed"));
        });
    }

    [Test]
    public async Task Operations_PageSource_HoldsNoIdentityCodeOrPseudonym()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli, "/portal/operations");
        var source = browser.Driver.PageSource;

        Assert.Multiple(() =>
        {
            Assert.That(Site.IdentityCodes, Is.Not.Empty);
            Assert.That(PatientValues().Where(v => source.Contains(v, StringComparison.OrdinalIgnoreCase)), Is.Empty);
            Assert.That(source, Does.Contain("diagnosis"), "the page was the dashboard");
        });
    }

    [Test]
    public async Task Operations_Researcher_IsRefusedAndOffersNoLink()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice);
        var links = browser.Driver.FindElements(By.LinkText("Operations"));
        browser.Open("/portal/operations");

        Assert.Multiple(() =>
        {
            Assert.That(links, Is.Empty);
            Assert.That(browser.Heading, Is.EqualTo("Not allowed"));
            Assert.That(browser.MainText, Does.Contain("operations are shown to operators and data-service staff"));
        });
    }

    /// <summary>A chart's table as "header|cell|..." lines, read whether its details are open or not.</summary>
    private static List<string> TableRows(PortalBrowser browser, string chart) =>
        [.. browser.Driver.FindElements(By.CssSelector($"figure[aria-labelledby='{chart}-caption'] tr"))
            .Select(row => string.Join('|', row.FindElements(By.CssSelector("th, td")).Select(cell => cell.GetAttribute("textContent")!.Trim())))];

    /// <summary>The site's identity codes and what the lake makes of them: lake identities and the pseudonyms of the register and of both studies.</summary>
    private static IEnumerable<string> PatientValues()
    {
        var pseudonymizer = new Pseudonymizer(Site.Workspace.Keys);
        foreach (var code in Site.IdentityCodes)
        {
            yield return code;
            var identity = pseudonymizer.IdentityOf(Hetu.Parse(code));
            var bytes = new byte[LakeIdentity.Size];
            identity.WriteBytes(bytes);
            yield return Convert.ToHexStringLower(bytes);
            foreach (var pseudonym in new[] { pseudonymizer.RegisterPseudonym("diagnosis", identity), pseudonymizer.StudyPseudonym("study-p-alice", identity), pseudonymizer.StudyPseudonym("study-p-bob", identity) })
            {
                yield return pseudonym.ToString("D");
                yield return pseudonym.ToString("N");
            }
        }
    }
}
