using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Where a command's settings come from: the data folder's appsettings.json over the installation's,
/// environment variables over both (a <c>Lake__</c> prefix over none), and never the working folder's.
/// </summary>
[NonParallelizable] // Sets process-wide environment variables and the working folder, and drives the CLI.
public sealed class ConfigurationSourcesTests
{
    private const string Threshold = "Disclosure__Threshold";
    private const string PrefixedThreshold = "Lake__Disclosure__Threshold";

    private TempDirectory _root = null!;
    private string _previousFolder = "";

    private string Data => _root.File("data");

    private string KeyRing => _root.File("keyring.json");

    [SetUp]
    public async Task DataFolderWithItsOwnSettings()
    {
        _root = new TempDirectory("lake-configuration");
        await LakeConsole.InitAsync(Data);
        File.WriteAllText(Path.Combine(Data, "appsettings.json"), """{ "Disclosure": { "Threshold": 8 } }""");
        // A working folder whose settings would make every study fail, were they read.
        var working = _root.File("working");
        Directory.CreateDirectory(working);
        File.WriteAllText(Path.Combine(working, "appsettings.json"), """{ "Disclosure": { "Threshold": 0 } }""");
        _previousFolder = Environment.CurrentDirectory;
        Environment.CurrentDirectory = working;
    }

    [TearDown]
    public void Restore()
    {
        Environment.SetEnvironmentVariable(Threshold, null);
        Environment.SetEnvironmentVariable(PrefixedThreshold, null);
        Environment.CurrentDirectory = _previousFolder;
        _root.Dispose();
    }

    [TestCase(null, null, 8, TestName = "StudyPreliminary_DataFolderSettings_TakeEffectAndTheWorkingFolderIsNotRead")]
    [TestCase("9", null, 9, TestName = "StudyPreliminary_EnvironmentVariable_OverridesTheDataFolder")]
    [TestCase("9", "11", 11, TestName = "StudyPreliminary_LakePrefixedVariable_OverridesTheUnprefixedOne")]
    public async Task StudyPreliminary_SuppressesCountsUpToTheThresholdOfTheLastSourceThatSetsIt(string? variable, string? prefixed, int threshold)
    {
        Environment.SetEnvironmentVariable(Threshold, variable);
        Environment.SetEnvironmentVariable(PrefixedThreshold, prefixed);

        var result = await StudyAsync();

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain($"counts 1-{threshold} are suppressed"));
    }

    private Task<LakeConsole.Result> StudyAsync() => LakeUsers.AsAsync(Data, KeyRing, "alice",
        () => LakeConsole.RunAsync("study", "preliminary", RepositoryPaths.ExampleSpecification, "--data", Data, "--keyring", KeyRing));
}
