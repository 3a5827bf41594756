namespace Lake.Portal.Tests;

/// <summary>
/// Journey 6 of the portal's issue for the pages there are: every portal page, in Finnish, Swedish
/// and English, scanned by axe-core in the browser with no serious or critical violation; each
/// page's weight and server time measured on the way (page-weights.md beside the screenshots).
/// </summary>
[Category(TestCategories.Browser)]
public sealed class AccessibilityTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    private static readonly string[] Languages = ["fi", "sv", "en"];

    [Test]
    public async Task EveryPortalPage_EachLanguage_HasNoSeriousOrCriticalAxeViolation()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Alice);
        var pages = new[]
        {
            "/portal",
            "/portal/catalog",
            "/portal/catalog/diagnosis",
            "/portal/requests",
            "/portal/requests/new",
            "/portal/transfers/new",
            $"/portal/requests/{Site.AliceRequest}",
            $"/portal/requests/{Site.BobRequest}",
            "/portal/preliminary",
            "/portal/cost",
        };
        var found = new List<string>();

        foreach (var language in Languages)
        {
            browser.Open("/portal");
            browser.SwitchLanguage(language);
            foreach (var page in pages)
            {
                browser.Open(page);
                Scan(page, language);
            }

            // The answers, drawn as tables and charts: the same question each time, so the differencing ledger answers it again.
            browser.Open("/portal/preliminary");
            browser.RunDiagnosisStudy("Type 2 diabetes", "E11");
            Scan("/portal/preliminary (answer)", language);
            browser.Press("estimate", "/portal/cost (estimate)");
            Scan("/portal/cost (estimate)", language);
        }

        // The signed-out page, which anyone may open, in the last language chosen.
        browser.SignOut();
        found.AddRange(browser.Axe().Where(v => v.IsSeriousOrCritical).Select(v => $"/portal/signed-out: {v}"));

        Assert.That(found, Is.Empty);

        void Scan(string page, string language)
        {
            Assert.That(browser.Language, Is.EqualTo(language), $"{page} in {language}");
            var violations = browser.Axe();
            // The lesser ones are reported, not failed: the bar is serious and critical.
            foreach (var minor in violations.Where(v => !v.IsSeriousOrCritical))
                TestContext.Out.WriteLine($"axe, {page} [{language}]: {minor}");
            found.AddRange(violations.Where(v => v.IsSeriousOrCritical).Select(v => $"{page} [{language}]: {v}"));
            browser.Screenshot($"a11y-{language}-{Slug(page)}");
        }
    }

    [Test]
    public async Task OperationsPage_EachLanguage_HasNoSeriousOrCriticalAxeViolation()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli);
        var found = new List<string>();

        foreach (var language in Languages)
        {
            browser.SwitchLanguage(language);
            browser.Open("/portal/operations");
            Assert.That(browser.Language, Is.EqualTo(language));
            found.AddRange(browser.Axe().Where(v => v.IsSeriousOrCritical).Select(v => $"/portal/operations [{language}]: {v}"));
            browser.Screenshot($"a11y-{language}-portal-operations");
        }

        Assert.That(found, Is.Empty);
    }

    [Test]
    public async Task EveryStaffPage_EachLanguage_HasNoSeriousOrCriticalAxeViolation()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Sanna);
        var pages = new[]
        {
            "/portal/permits",
            "/portal/permits/new",
            $"/portal/permits/{PortalSite.AlicePermit}",
            "/portal/queue",
            $"/portal/requests/{Site.AliceRequest}",
            "/portal/sources",
            "/portal/sources/uranus",
        };

        Assert.That(Scan(browser, pages), Is.Empty);
    }

    [Test]
    public async Task LanguageSwitch_Finnish_PageTitleHeadingAndLangFollow()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob, "/portal/catalog");

        browser.SwitchLanguage("fi");
        var finnish = (browser.Title, browser.Heading, browser.Path);
        browser.SwitchLanguage("sv");
        var swedish = (browser.Title, browser.Heading);

        Assert.Multiple(() =>
        {
            Assert.That(finnish, Is.EqualTo(("Aineistokatalogi - Lake", "Aineistokatalogi", "/portal/catalog")), "the switch comes back to the same page");
            Assert.That(swedish, Is.EqualTo(("Datakatalog - Lake", "Datakatalog")));
        });
    }

    /// <summary>Each page in each language: the serious and critical violations found, the lesser ones written to the output.</summary>
    private static List<string> Scan(PortalBrowser browser, IReadOnlyList<string> pages)
    {
        var found = new List<string>();
        foreach (var language in Languages)
        {
            browser.Open("/portal");
            browser.SwitchLanguage(language);
            foreach (var page in pages)
            {
                browser.Open(page);
                Assert.That(browser.Language, Is.EqualTo(language), $"{page} in {language}");
                var violations = browser.Axe();
                // The lesser ones are reported, not failed: the bar is serious and critical.
                foreach (var minor in violations.Where(v => !v.IsSeriousOrCritical))
                    TestContext.Out.WriteLine($"axe, {page} [{language}]: {minor}");
                found.AddRange(violations.Where(v => v.IsSeriousOrCritical).Select(v => $"{page} [{language}]: {v}"));
                browser.Screenshot($"a11y-{language}-{Slug(page)}");
            }
        }

        return found;
    }

    private static string Slug(string page) =>
        page.Trim('/').Replace('/', '-').Replace(" (", "-").Replace(")", "") is var slug && slug.Length > 40 ? slug[..40] : slug;
}
