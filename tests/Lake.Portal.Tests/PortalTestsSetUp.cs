namespace Lake.Portal.Tests;

/// <summary>
/// One `lake serve` for the whole assembly: starting it (a lake, two deliveries, four accounts)
/// costs seconds, and every journey only reads what it holds.
/// </summary>
[SetUpFixture]
public sealed class PortalTestsSetUp
{
    private static PortalSite? _site;

    internal static PortalSite Site => _site ?? throw new InvalidOperationException("The portal site has not started.");

    [OneTimeSetUp]
    public async Task StartSite() => _site = await PortalSite.StartAsync();

    [OneTimeTearDown]
    public async Task StopSite()
    {
        if (PageWeights.Write(Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")) is { } weights)
            TestContext.Progress.WriteLine($"page weights and server times: {weights}");
        if (_site is not null)
            await _site.DisposeAsync();
    }
}
