namespace Lake.EndToEnd.Tests;

/// <summary>The disclosure rules are the service's: no option of the command line changes them.</summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed class DisclosurePolicyCommandTests
{
    [Test]
    public async Task StudyPreliminary_ThresholdOption_IsNotAnOptionAnyMore()
    {
        var result = await LakeConsole.RunAsync("study", "preliminary", RepositoryPaths.ExampleSpecification, "--threshold", "1");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Output, Does.Contain("--threshold"), "the parser names the option it does not know");
        });
    }
}
