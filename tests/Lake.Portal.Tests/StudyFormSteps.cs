using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>A person filling in the study form: typing into its fields and pressing its buttons, as a keyboard or mouse would.</summary>
internal static class StudyFormSteps
{
    public static void Type(this PortalBrowser browser, string field, string text)
    {
        var input = browser.Driver.FindElement(By.Id(field));
        input.Clear();
        input.SendKeys(text);
    }

    public static void Choose(this PortalBrowser browser, string field, string value) =>
        browser.Driver.FindElement(By.CssSelector($"#{field} option[value='{value}']")).Click();

    /// <summary>A date input's value as yyyy-mm-dd, whatever the browser's locale shows in the field.</summary>
    public static void SetDate(this PortalBrowser browser, string field, string date) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].value = arguments[1];", browser.Driver.FindElement(By.Id(field)), date);

    public static void Check(this PortalBrowser browser, string field)
    {
        var box = browser.Driver.FindElement(By.Id(field));
        if (!box.Selected)
            box.Click();
    }

    /// <summary>Presses the build form's button with this action (preview, run, estimate) and measures the answer.</summary>
    public static PageVisit Press(this PortalBrowser browser, string action, string page) =>
        browser.Submit(browser.Driver.FindElement(By.CssSelector($"form.study-form:not([enctype]) button[value='{action}']")), page);

    /// <summary>The form's one diagnosis criterion with these ICD-10 codes, run as a preliminary study.</summary>
    public static PageVisit RunDiagnosisStudy(this PortalBrowser browser, string title, string codes)
    {
        browser.Type("title", title);
        browser.Type("c0-codes", codes);
        return browser.Press("run", "/portal/preliminary (answer)");
    }

    public static string Text(this PortalBrowser browser, string selector) => browser.Driver.FindElement(By.CssSelector(selector)).Text;
}
