using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Lake.Portal.Tests;

/// <summary>
/// A person's browser on the portal: headless Chromium driven by Selenium. Signs in through the
/// authority's real pages, opens pages and measures them, switches language with the portal's
/// own form, scans with axe-core and keeps screenshots as test attachments.
/// </summary>
internal sealed class PortalBrowser : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ChromeDriver _driver;
    private readonly Uri _base;

    public PortalBrowser(Uri baseAddress)
    {
        SystemChromium.Require();
        _driver = SystemChromium.Start();
        _base = baseAddress;
    }

    public IWebDriver Driver => _driver;

    public string Path => new Uri(_driver.Url).AbsolutePath;

    public string Url => _driver.Url;

    public string Title => _driver.Title;

    public string Heading => _driver.FindElement(By.TagName("h1")).Text;

    public string Language => _driver.FindElement(By.TagName("html")).GetAttribute("lang") ?? "";

    public string MainText => _driver.FindElement(By.TagName("main")).Text;

    /// <summary>
    /// Opens a portal page, which sends the browser to the authority's sign-in page; fills in user
    /// name, password and a fresh TOTP code there and follows the redirects back to the portal.
    /// </summary>
    public async Task SignInAsync(TestAccount account, string path = "/portal")
    {
        _driver.Navigate().GoToUrl(new Uri(_base, path));
        Wait(() => Path == "/account/login", "the authority's sign-in page");
        _driver.FindElement(By.Id("userName")).SendKeys(account.UserName);
        _driver.FindElement(By.Id("password")).SendKeys(account.Password);
        _driver.FindElement(By.Id("code")).SendKeys(await account.NextCodeAsync());
        _driver.FindElement(By.CssSelector("button[type=submit]")).Click();
        Wait(() => Path != "/account/login" || _driver.FindElements(By.CssSelector("[role=alert]")).Count > 0, "the way back to the portal");
        if (Path == "/account/login")
            Assert.Fail($"sign-in of {account.UserName} failed: {_driver.FindElement(By.CssSelector("[role=alert]")).Text}");
        Wait(() => Path.StartsWith("/portal", StringComparison.Ordinal), "a portal page");
    }

    public PageVisit Open(string path)
    {
        _driver.Navigate().GoToUrl(new Uri(_base, path));
        WaitUntilLoaded();
        return Measure(path);
    }

    /// <summary>Clicks a button that submits a form and measures the page the server answers with.</summary>
    public PageVisit Submit(IWebElement button, string page)
    {
        var leaving = _driver.FindElement(By.TagName("html"));
        button.Click();
        Wait(() => IsStale(leaving), $"the answer to {page}");
        return MeasureHere(page);
    }

    /// <summary>Measures the page the browser is on now, reached by a form or a redirect rather than <see cref="Open"/>.</summary>
    public PageVisit MeasureHere(string page)
    {
        WaitUntilLoaded();
        return Measure(page);
    }

    /// <summary>Waits for something the page does by itself (a redirect, an update in place), failing with where the browser is.</summary>
    public void WaitFor(Func<bool> condition, string what) => Wait(condition, what);

    /// <summary>Chooses a language in the header's form and submits it; the page comes back in it.</summary>
    public void SwitchLanguage(string culture)
    {
        _driver.FindElement(By.CssSelector($"#language option[value='{culture}']")).Click();
        _driver.FindElement(By.CssSelector("form.language button[type=submit]")).Click();
        Wait(() => Language == culture, $"the page in '{culture}'");
        WaitUntilLoaded();
    }

    /// <summary>Submits the header's sign-out form and follows the authority's sign-out back to the portal.</summary>
    public void SignOut()
    {
        _driver.FindElement(By.CssSelector("form[action='/portal/sign-out'] button")).Click();
        Wait(() => Path == "/portal/signed-out", "the signed-out page");
    }

    public IReadOnlyList<Cookie> Cookies => _driver.Manage().Cookies.AllCookies;

    /// <summary>The rendered page as a PNG attached to the running test (and so kept with its results).</summary>
    public void Screenshot(string name)
    {
        var folder = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, name + ".png");
        _driver.GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file, name);
    }

    /// <summary>axe-core's violations on the page as it stands, every rule of the WCAG 2.1 A and AA tags and axe's best practices.</summary>
    public IReadOnlyList<AxeViolation> Axe()
    {
        _driver.ExecuteScript(AxeScript.Text);
        var json = (string)_driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })))))
              .catch(e => done(JSON.stringify({ error: String(e) })));
            """)!;
        if (json.StartsWith('{'))
            Assert.Fail($"axe-core did not run: {json}");
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }

    private PageVisit Measure(string page)
    {
        var json = (string)_driver.ExecuteScript("""
            const n = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            return JSON.stringify({
              status: n.responseStatus,
              documentBytes: n.decodedBodySize,
              resourceBytes: resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
              transferBytes: n.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
              server: n.responseStart - n.requestStart,
              loaded: n.domContentLoadedEventEnd - n.startTime
            });
            """)!;
        using var timing = JsonDocument.Parse(json);
        var root = timing.RootElement;
        var visit = new PageVisit(page, Language, root.GetProperty("status").GetInt32(), root.GetProperty("documentBytes").GetInt64(), root.GetProperty("resourceBytes").GetInt64(),
            root.GetProperty("transferBytes").GetInt64(), root.GetProperty("server").GetDouble(), root.GetProperty("loaded").GetDouble());
        TestContext.Out.WriteLine(visit.ToString());
        PageWeights.Record(visit);
        return visit;
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's way of saying the same while the old document is being replaced.
            return true;
        }
    }

    private void WaitUntilLoaded() =>
        Wait(() => (string)_driver.ExecuteScript("return document.readyState")! == "complete", "the page to load");

    private void Wait(Func<bool> condition, string what)
    {
        try
        {
            var wait = new WebDriverWait(_driver, Patience);
            // The page being left goes stale under the condition's feet while the next one loads.
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
            wait.Until(_ => condition());
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"waited {Patience.TotalSeconds:F0} s for {what}; the browser is at {_driver.Url}: {_driver.FindElement(By.TagName("body")).Text}");
        }
    }
}
