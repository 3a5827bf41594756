using OpenQA.Selenium;

namespace Lake.Portal.Tests;

/// <summary>
/// Journey 1 of the portal's issue: a researcher signs in with password and TOTP, builds a
/// preliminary study in the form and sees its counts with small ones suppressed, as tables and
/// charts; a near-duplicate question that would single out a few patients is refused. The counting
/// is the coordinator's <c>PreliminaryStudy</c>, as for the API and the command line.
/// </summary>
[Category(TestCategories.Browser)]
public sealed class PreliminaryStudyTests
{
    private static PortalSite Site => PortalTestsSetUp.Site;

    [Test]
    public async Task PreliminaryStudy_BuiltInTheForm_ShowsSuppressedCountsThenRefusesANearDuplicate()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Bob, "/portal/preliminary");
        browser.Screenshot("preliminary-form");

        browser.RunDiagnosisStudy("Type 2 diabetes in adults", "E11");
        var answer = browser.MainText;
        var cohort = browser.Text(".cohort-size");
        var byYear = browser.Driver.FindElement(By.CssSelector("#by-year + .breakdown")).Text;
        var chart = browser.Driver.FindElement(By.CssSelector("svg[role=img][aria-labelledby='by-year-chart-title'] title")).GetAttribute("textContent");
        var yaml = browser.Text("pre.yaml");
        var source = browser.Driver.PageSource;
        browser.Screenshot("preliminary-answer");

        // Three of the 43 patients are from Uranus's 2018: a near-duplicate question from 2019 on
        // differs from the first answer by those three, which subtracting would single out.
        browser.SetDate("cohort-from", "2019-01-01");
        browser.Press("run", "/portal/preliminary (refused)");
        var refusal = browser.Text(".refusal[role=alert]");
        browser.Screenshot("preliminary-refused");

        Assert.Multiple(() =>
        {
            Assert.That(cohort, Is.EqualTo("43"));
            Assert.That(byYear, Does.Contain("2018").And.Contain("1-5"), "the three patients of 2018 are a small count");
            Assert.That(byYear, Does.Not.Contain(" 3\n").And.Not.EndWith(" 3"), "never the true small count");
            Assert.That(chart, Does.StartWith("Cohort by year of the index date: ").And.Contain("2018 1-5"));
            Assert.That(answer, Does.Contain("Cohort by sex").And.Contain("Cohort by age at the index date").And.Contain("Data per register and year"));
            Assert.That(source, Does.Not.Contain("<script").And.Not.Contain("style="), "charts drawn without script or inline style");
            Assert.That(browser.Url, Does.Not.Contain("?"), "the specification is posted, never put in the address");
            Assert.That(yaml, Does.Contain("title: Type 2 diabetes in adults").And.Contain("icd10: [E11]").And.Contain("index: true"));
            Assert.That(refusal, Does.Contain("The preliminary study was refused").And.Contain("differs from the same count"));
            Assert.That(browser.Driver.FindElements(By.CssSelector(".cohort-size")), Is.Empty, "a refused study shows no counts");
        });
    }

    [Test]
    public async Task PreliminaryStudy_Operator_IsRefusedByTheAccessPolicy()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Olli);

        var visit = browser.Open("/portal/preliminary");

        Assert.Multiple(() =>
        {
            Assert.That(visit.Status, Is.EqualTo(403));
            Assert.That(browser.MainText, Does.Contain("preliminary studies and estimates are for researchers and data-service staff"));
            Assert.That(browser.Driver.FindElements(By.CssSelector("nav a[href='/portal/preliminary']")), Is.Empty, "no link to a page the person may not use");
        });
    }

    [Test]
    public async Task Upload_SpecificationThatIsNotYaml_NamesTheLineAndColumnBesideTheFileInput()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Mallory, "/portal/preliminary");
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "broken-specification.yaml");
        await File.WriteAllTextAsync(file, "version: 1\ncohort:\n  icd10: [E11\n");

        browser.Driver.FindElement(By.Id("specification-file")).SendKeys(file);
        browser.Submit(browser.Driver.FindElement(By.CssSelector("form[enctype] button[value='run']")), "/portal/preliminary (upload)");
        var problem = browser.Text("#specification-file-problem");
        var describedBy = browser.Driver.FindElement(By.Id("specification-file")).GetAttribute("aria-describedby");
        browser.Screenshot("preliminary-upload-problem");

        Assert.Multiple(() =>
        {
            Assert.That(problem, Does.Match(@"the uploaded file, line \d+, column \d+: "));
            Assert.That(describedBy, Does.Contain("specification-file-problem"));
        });
    }

    [Test]
    public async Task CostEstimate_FromThePreliminaryForm_IsItemisedAndFreeForAnInternalProject()
    {
        using var browser = new PortalBrowser(Site.BaseAddress);
        await browser.SignInAsync(Site.Mallory, "/portal/preliminary");
        browser.Type("title", "Type 2 diabetes, costs");
        browser.Type("c0-codes", "E11");
        browser.Choose("d0-register", "diagnosis");

        // "Estimate the cost" posts the same fields to the cost page.
        browser.Press("estimate", "/portal/cost (estimate)");
        var path = browser.Path;
        var estimate = browser.MainText;
        browser.Screenshot("cost-estimate");
        browser.Check("form-internal");
        browser.Press("estimate", "/portal/cost (internal)");
        var total = browser.Text(".estimate-total");
        var free = browser.Text(".internal-free");
        browser.Screenshot("cost-estimate-internal");

        Assert.Multiple(() =>
        {
            Assert.That(path, Is.EqualTo("/portal/cost"));
            Assert.That(estimate, Does.Contain("Base fee").And.Contain("300.00 EUR").And.Contain("Registers (diagnosis)").And.Contain("150.00 EUR"), "the base fee, and one register at 150");
            Assert.That(total, Is.EqualTo("0.00 EUR"));
            Assert.That(free, Does.Contain("free of charge"));
        });
    }
}
