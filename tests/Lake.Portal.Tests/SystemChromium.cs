using OpenQA.Selenium.Chrome;

namespace Lake.Portal.Tests;

/// <summary>
/// Debian's Chromium and its chromedriver, named by path: Selenium is never left to look for (and
/// download) a browser or driver of its own, which this machine's network would not allow anyway.
/// </summary>
internal static class SystemChromium
{
    public const string Browser = "/usr/bin/chromium";

    public const string Driver = "/usr/bin/chromedriver";

    /// <summary>Skips locally and fails on CI when the packages are missing: the README's test command installs them.</summary>
    public static void Require()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
            TestEnvironment.IgnoreLocallyFailOnCi($"No {Browser} or {Driver}: install the Debian packages chromium and chromium-driver (./test does).");
    }

    public static ChromeDriver Start()
    {
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new",
            // As root (CI) Chromium refuses to start sandboxed; the pages it opens are the test's own.
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1280,1000",
            "--no-first-run",
            "--disable-extensions");
        // Every language test switches with the portal's own form; the browser asks for English.
        options.AddUserProfilePreference("intl.accept_languages", "en");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        return driver;
    }
}
