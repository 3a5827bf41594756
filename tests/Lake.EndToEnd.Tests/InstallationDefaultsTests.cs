using Lake.Cli;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// What Lake ships (the price list, the source descriptors) is found from the program, not from the
/// folder a command runs in: the commands answer the same from a folder outside the repository.
/// </summary>
[NonParallelizable] // Changes the process's working folder and drives the CLI, which writes to the console.
public sealed class InstallationDefaultsTests
{
    private TempDirectory _elsewhere = null!;
    private string _previousFolder = "";

    private string Data => _elsewhere.File("data");

    private string KeyRing => _elsewhere.File("keyring.json");

    [SetUp]
    public async Task RunFromAFolderOutsideTheRepository()
    {
        _elsewhere = new TempDirectory("lake-elsewhere");
        _previousFolder = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _elsewhere.Path;
        await LakeConsole.InitAsync(Data);
    }

    [TearDown]
    public void GoBack()
    {
        Environment.CurrentDirectory = _previousFolder;
        _elsewhere.Dispose();
    }

    [Test]
    public async Task CostEstimate_NoPricingOption_UsesTheShippedPriceList()
    {
        var result = await LakeUsers.AsAsync(Data, KeyRing, "alice",
            () => LakeConsole.RunAsync("cost", "estimate", RepositoryPaths.ExampleSpecification, "--data", Data, "--keyring", KeyRing));

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("total").And.Contain("EUR"));
    }

    [Test]
    public async Task SourcesList_NoSourcesOption_ListsTheShippedDescriptors()
    {
        var result = await LakeConsole.RunAsync("sources", "list", "--data", Data, "--keyring", KeyRing);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("apotti-diagnosis"));
    }

    [Test]
    public void Installation_ProgramOutsideACheckout_IsTheProgramFolderWhichHoldsTheShippedCopies()
    {
        var program = AppContext.BaseDirectory;

        Assert.Multiple(() =>
        {
            Assert.That(Installation.FindRoot(_elsewhere.Path), Is.EqualTo(_elsewhere.Path), "no checkout above: the program's own folder");
            Assert.That(Installation.FindRoot(program), Is.EqualTo(RepositoryPaths.Root), "run from a checkout: the checkout");
            Assert.That(File.ReadAllText(Path.Combine(program, "examples", "pricing.yaml")), Is.EqualTo(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "pricing.yaml"))));
            Assert.That(File.Exists(Path.Combine(program, "sources", "apotti-diagnosis.yaml")), Is.True, "the build puts the descriptors beside the program");
        });
    }
}
